import type SQLite from 'better-sqlite3';
import type pg from 'pg';

interface Query {
  sql: string;
  params: readonly unknown[];
}

export interface Explained {
  sql: string;
  plan: string[];
  flags: string[];
  ms?: number;
  generic?: { plan: string[]; ms: number };
}

const FULL_SCAN_SQLITE = /^SCAN (problems|events|complaints|search_docs|p)\b(?!.*USING)/;

/** EXPLAIN QUERY PLAN, indented by depth; flags scans without an index and temp-tree sorts. */
export const sqliteExplainer =
  (sqlite: SQLite.Database) =>
  async (q: Query): Promise<Explained> => {
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as unknown[])) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, 0]]);
    const plan = rows.map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d - 1)}${r.detail}`;
    });
    const flags = [
      ...(rows.some((r) => FULL_SCAN_SQLITE.test(r.detail)) ? ['FULL SCAN'] : []),
      ...(rows.some((r) => r.detail.includes('TEMP B-TREE')) ? ['SORT'] : []),
    ];
    return { sql: q.sql, plan, flags };
  };

const pgFlags = (plan: string[], prefix = '') => [
  ...(plan.some((l) => /Seq Scan on (problems|events|complaints|search_docs)/.test(l))
    ? [`${prefix}FULL SCAN`]
    : []),
  ...(plan.some((l) => /(^|->\s+)(Incremental )?Sort\b/.test(l.trim())) ? [`${prefix}SORT`] : []),
];

async function fastest(n: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * EXPLAIN with the parameters (the custom plan node-pg's unnamed statements always get), then
 * the generic plan of the same statement prepared once, each with its best time of three.
 */
export const postgresExplainer =
  (pool: pg.Pool) =>
  async (q: Query): Promise<Explained> => {
    const client = await pool.connect();
    try {
      const params = q.params as unknown[];
      const custom = (await client.query(`EXPLAIN ${q.sql}`, params)).rows.map(
        (r) => r['QUERY PLAN'] as string,
      );
      const ms = await fastest(3, () => client.query(q.sql, params));
      const literals = params
        .map((v) => (typeof v === 'number' ? String(v) : client.escapeLiteral(String(v))))
        .join(', ');
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query(`PREPARE bench_q AS ${q.sql}`);
      const execute = `EXECUTE bench_q${params.length ? `(${literals})` : ''}`;
      const generic = (await client.query(`EXPLAIN ${execute}`)).rows.map((r) => r['QUERY PLAN'] as string);
      const genericMs = await fastest(3, () => client.query(execute));
      await client.query('DEALLOCATE bench_q');
      await client.query('RESET plan_cache_mode');
      return {
        sql: q.sql,
        plan: custom,
        ms,
        generic: { plan: generic, ms: genericMs },
        flags: [...pgFlags(custom), ...pgFlags(generic, 'generic: ')],
      };
    } finally {
      client.release();
    }
  };

/**
 * For a text search: `NO TEXT INDEX` unless the plan reads the search index (SQLite: the FTS5
 * table's own index, `VIRTUAL TABLE INDEX` with a MATCH; PostgreSQL: the GIN index
 * search_docs_terms_idx), for each plan PostgreSQL printed.
 */
export function textIndexFlags(engine: 'sqlite' | 'postgres', e: Explained): string[] {
  const uses = (plan: string[]) =>
    engine === 'sqlite'
      ? plan.some((l) => /SCAN search_terms VIRTUAL TABLE INDEX/.test(l))
      : plan.some((l) => l.includes('search_docs_terms_idx'));
  return [
    ...(uses(e.plan) ? [] : ['NO TEXT INDEX']),
    ...(e.generic && !uses(e.generic.plan) ? ['generic: NO TEXT INDEX'] : []),
  ];
}
