import {
  type Compilable,
  CompiledQuery,
  type Kysely,
  type OperationNode,
  PostgresAdapter,
  RawNode,
  ValueNode,
} from 'kysely';
import type { DB } from './schema.js';

/*
 * Statements compiled once and reused: Kysely's building and compiling cost more than SQLite's
 * look-up for the hot reads (a problem by id, a list asked for again). Kept per database (a
 * transaction is a database of its own) by a key naming everything the SQL is built from,
 * least recently used dropped first.
 */

const KEPT = 200;
const kept = new WeakMap<Kysely<DB>, Map<string, CompiledQuery>>();

export function compiledOnce<R>(
  db: Kysely<DB>,
  key: string,
  compile: () => CompiledQuery<R>,
): CompiledQuery<R> {
  let statements = kept.get(db);
  if (!statements) {
    statements = new Map();
    kept.set(db, statements);
  }
  const known = statements.get(key);
  // Re-inserted, so that the Map's first key is always the least recently used.
  if (known) statements.delete(key);
  // Kept without its syntax tree (10–40 KB for a list): running it needs the SQL and parameters.
  const query = known ?? rawOf(compile());
  statements.set(key, query);
  if (statements.size > KEPT) statements.delete(statements.keys().next().value as string);
  return query as CompiledQuery<R>;
}

const rawOf = (q: CompiledQuery): CompiledQuery => CompiledQuery.raw(q.sql, [...q.parameters]);

/*
 * Statements of the write path (a create builds about a dozen), built and compiled ONCE per
 * dialect with named slots and afterwards only filled with new values: building and compiling
 * them with Kysely cost a create more CPU than SQLite's work on them (docs/benchmarks.md).
 *
 * `reusable(db, key, args, build)` calls `build` the first time with every value of `args`
 * replaced by a marker (a string no real value starts with), compiles it, and records for
 * each parameter of the SQL either the name of the slot it came from or the constant Kysely
 * put there (e.g. the 1 of `seq + 1`). Every later call with the same key only maps `args` to
 * parameters. Values stay bound parameters: nothing is pasted into the SQL. The key must name
 * everything the SQL's shape depends on (table, columns, number of rows); `args` must have the
 * same keys on every call (a missing one is sent as undefined, which the drivers refuse).
 *
 * The result is a query like any other: run it (`db.executeQuery`), or send it with others
 * (`together`, whose PostgreSQL form embeds it as a raw fragment with its values).
 */

const SLOT = '\u0000duban-slot\u0000';

interface Template {
  sql: string;
  /** Per parameter: the slot's name, or a constant (in `constants`). */
  slots: (string | null)[];
  constants: unknown[];
  /** The SQL cut at its placeholders (PostgreSQL: to embed it in a larger statement). */
  fragments: readonly string[];
}

const templates = new WeakMap<object, Map<string, Template>>();

/** A compiled statement and its values: runs alone or inside `together`. */
export class Reusable implements Compilable<unknown> {
  constructor(
    readonly template: Template,
    readonly parameters: readonly unknown[],
  ) {}

  compile(): CompiledQuery<unknown> {
    return CompiledQuery.raw(this.template.sql, this.parameters as unknown[]);
  }

  toOperationNode(): OperationNode {
    return RawNode.create(
      this.template.fragments,
      this.parameters.map((v) => ValueNode.create(v)),
    );
  }
}

export function reusable<A extends Record<string, unknown>>(
  db: Kysely<DB>,
  key: string,
  args: A,
  build: (slots: A) => Compilable<unknown>,
): Reusable {
  // The SQL depends on the dialect only: a transaction shares its database's adapter.
  const adapter = db.getExecutor().adapter;
  let byKey = templates.get(adapter);
  if (!byKey) {
    byKey = new Map();
    templates.set(adapter, byKey);
  }
  let t = byKey.get(key);
  if (!t) {
    t = templateOf(build, args, adapter instanceof PostgresAdapter);
    byKey.set(key, t);
  }
  const { slots, constants } = t;
  const parameters = new Array<unknown>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    parameters[i] = slot == null ? constants[i] : args[slot];
  }
  return new Reusable(t, parameters);
}

function templateOf<A extends Record<string, unknown>>(
  build: (slots: A) => Compilable<unknown>,
  args: A,
  postgres: boolean,
): Template {
  const markers = Object.fromEntries(Object.keys(args).map((k) => [k, `${SLOT}${k}`])) as unknown as A;
  const compiled = build(markers).compile();
  if (compiled.sql.includes(SLOT))
    throw new Error(`reusable: a slot was put into the SQL text: ${compiled.sql}`);
  const slots = compiled.parameters.map((p) =>
    typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null,
  );
  for (const k of Object.keys(args))
    if (!slots.includes(k)) throw new Error(`reusable: slot "${k}" is not a parameter of ${compiled.sql}`);
  const fragments = compiled.sql.split(postgres ? /\$\d+/ : /\?/);
  if (fragments.length !== slots.length + 1)
    throw new Error(`reusable: ${slots.length} parameters but ${fragments.length - 1} placeholders`);
  return {
    sql: compiled.sql,
    slots,
    constants: compiled.parameters.map((p, i) => (slots[i] === null ? p : undefined)),
    fragments,
  };
}

/**
 * `INSERT INTO table (the row's columns) VALUES (…)`, compiled once per table and column list.
 */
export function insertRow<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  row: Record<string, unknown>,
) {
  return reusable(db, `insert:${table}:${Object.keys(row).join(',')}`, row, (slots) =>
    // biome-ignore lint/suspicious/noExplicitAny: any table's row; the columns are the row's own
    db.insertInto(table).values(slots as any),
  );
}

/**
 * `reusable` for a statement over several rows of the same columns (multi-row VALUES): one
 * template per key, number of rows and column list.
 */
export function reusableRows<R extends Record<string, unknown>>(
  db: Kysely<DB>,
  key: string,
  rows: readonly R[],
  build: (rows: R[]) => Compilable<unknown>,
): Reusable {
  const columns = Object.keys(rows[0] ?? {});
  const args: Record<string, unknown> = {};
  rows.forEach((r, i) => {
    for (const c of columns) args[`${i}.${c}`] = r[c];
  });
  return reusable(db, `${key}:${rows.length}:${columns.join(',')}`, args, (slots) =>
    build(rows.map((_, i) => Object.fromEntries(columns.map((c) => [c, slots[`${i}.${c}`]])) as R)),
  );
}
