import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/cli/config.js';
import { listenForCountNotices } from '../../src/db/count-notices.js';
import type { DB } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { createServiceContext } from '../../src/services/context.js';
import { SEARCH } from './cases.js';
import type { Fixtures } from './fixtures.js';

export interface Statements {
  name: string;
  status: number;
  count: number;
  sql: string[];
}

/**
 * The SQL statements one request sends, counted in-process: the real app (buildApp) over a
 * Kysely that logs. Each request runs twice and the second is counted (warm caches, token
 * already marked as used this minute).
 */
export async function statementsPerRequest(
  engine: 'sqlite' | 'postgres',
  handle: { sqlite?: SQLite.Database; url?: string },
  f: Fixtures,
  cursor: string,
): Promise<Statements[]> {
  let log: string[] = [];
  const pool = handle.url ? new pg.Pool({ connectionString: handle.url, max: 4 }) : undefined;
  const dialect = pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: handle.sqlite! });
  const db = new Kysely<DB>({
    dialect,
    log: (e) => {
      if (e.level === 'query') log.push(e.query.sql.replace(/\s+/g, ' ').slice(0, 140));
    },
  });
  const app = await buildApp({
    // The caches as `serve` configures them (DUBAN_CACHE_TTL_MS from the environment).
    ctx: createServiceContext(db, engine, { cacheTtlMs: loadConfig().cacheTtlMs }),
    hardening: { globalPerMinute: 1_000_000 },
  });
  // And, on PostgreSQL, the count notices' listener `serve` starts (decision 0013).
  const listener = handle.url
    ? await listenForCountNotices(db, () => new pg.Client({ connectionString: handle.url }))
    : undefined;
  const auth = { authorization: `Bearer ${f.token}` };
  const open = f.open[0]!;
  const requests: [string, string, string, unknown?, Record<string, string>?][] = [
    [
      'list-first',
      'GET',
      `/api/v1/problems?regionCode=${f.city.code}&status=rectifying&warning=red&limit=50`,
    ],
    [
      'list-deep',
      'GET',
      `/api/v1/problems?regionCode=${f.province.code}&status=rectifying&limit=50&cursor=${cursor}`,
    ],
    [
      'search-province',
      'GET',
      `/api/v1/problems?regionCode=${f.province.code}&q=${encodeURIComponent(SEARCH.problems)}&limit=20`,
    ],
    [
      'search-complaints',
      'GET',
      `/api/v1/complaints?regionCode=${f.province.code}&q=${encodeURIComponent(SEARCH.complaints)}&limit=20`,
    ],
    ['detail', 'GET', `/api/v1/problems/${f.ids[0]}`],
    ['timeline', 'GET', `/api/v1/problems/${f.ids[0]}/events`],
    ['dashboard-city', 'GET', `/api/v1/stats/problems?regionCode=${f.city.code}`],
    [
      'create',
      'POST',
      '/api/v1/problems',
      { title: '统计语句', source: 'media', areas: ['air'], regionCode: f.counties[0] },
    ],
    ['urge', 'POST', `/api/v1/problems/${open.id}/urge`, { text: '请加快' }],
  ];
  const out: Statements[] = [];
  for (const [name, method, url, body] of requests) {
    let status = 0;
    for (let i = 0; i < 2; i++) {
      log = [];
      const extra: Record<string, string> = name === 'urge' ? { 'if-match': `"${open.version}"` } : {};
      const json = body ? { 'content-type': 'application/json' } : {};
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...auth, ...json, ...extra },
        ...(body ? { payload: body as object } : {}),
      });
      status = res.statusCode;
      if (name === 'urge' && status === 200) open.version = (res.json() as { version: number }).version;
    }
    out.push({ name, status, count: log.length, sql: log });
  }
  await listener?.stop();
  await app.close();
  // SQLite: the handle belongs to the caller (destroying the dialect would close it).
  if (pool) await db.destroy();
  return out;
}
