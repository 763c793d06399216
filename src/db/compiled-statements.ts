import { CompiledQuery, type Kysely } from 'kysely';
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
