import Fastify from 'fastify';
import type { ProblemState } from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { computeWarning, warningPredicates } from '../../src/core/warnings.js';
import { todayInShanghai } from '../../src/core/working-days.js';
import { decodeCursor, encodeCursor } from '../../src/db/problem.query.js';
import { COMPLAINTS, DETAIL, EVENTS, LIST, ROLLUP, STATS, warningSql } from './sql.js';
import { openStore, type Row } from './store.js';
import { createProblem, urgeProblem } from './writes.js';

/**
 * The naive ceiling: hand-written SQL over the same data, no auth, no schemas, no services.
 * GET /bare is the framework's ceiling. Start: DATABASE_URL=… PORT=… tsx bench/naive/server.ts
 */
const store = openStore(process.env.DATABASE_URL!, process.env.DUBAN_SQLITE_SYNCHRONOUS ?? 'NORMAL');
const ACTOR = '00000000-0000-7000-8000-00000000bench';
const today = () => todayInShanghai(new Date().toISOString());
const dates = () => {
  const p = warningPredicates(today(), DEFAULT_RULES);
  return { today: p.redBefore, yellow: p.yellowUntil, stalled: p.stalledBefore };
};
const COLUMN: Record<string, string> = {
  province: 'province_code',
  city: 'city_code',
  county: 'county_code',
};
const CHILD: Record<string, string> = { province_code: 'city_code', city_code: 'county_code' };

async function regionColumn(code: string): Promise<string> {
  const [r] = await store.all('SELECT level, directly_administered FROM regions WHERE code = ?', [code]);
  if (!r) return 'region_code';
  return r.directly_administered ? 'city_code' : (COLUMN[r.level as string] ?? 'region_code');
}

const d = dates();
await store.all(ROLLUP.drop);
if (!/^[\d-]+$/.test(d.today + d.yellow + d.stalled)) throw new Error('bad dates');
await store.all(ROLLUP.create(d));
for (const sql of ROLLUP.indexes) await store.all(sql);

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ ok: true }));
// Ready only when the database answers: the runner waits on it so no query backlog spills over.
app.get('/ready', async () => ({ ok: (await store.all('SELECT 1 AS one')).length === 1 }));

app.get<{ Querystring: Record<string, string | string[]> }>('/problems', async (req) => {
  const q = req.query;
  const where: string[] = [];
  const params: unknown[] = [];
  const one = (k: string) => (Array.isArray(q[k]) ? q[k][0] : q[k]);
  const region = one('regionCode');
  if (region) where.push(`p.${await regionColumn(region)} = ?`) && params.push(region);
  if (q.status) {
    const list = [q.status].flat().flatMap((s) => s.split(','));
    where.push(`p.status IN (${list.map(() => '?').join(',')})`);
    params.push(...list);
  }
  const warning = one('warning');
  if (warning) {
    const w = warningSql(warning);
    const dd = dates();
    where.push(w.sql);
    params.push(...w.dates.map((k) => dd[k]));
  }
  // Text search as the ledger did it before the index: a substring of the title.
  const text = one('q');
  if (text) where.push(`p.title LIKE ?`) && params.push(`%${text.replace(/[\\%_]/g, '')}%`);
  const cursor = one('cursor');
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (after)
    where.push('(p.due_key > ? OR (p.due_key = ? AND p.id > ?))') &&
      params.push(after.dueKey, after.dueKey, after.id);
  const limit = Number(one('limit') ?? 50);
  const sql = `${LIST} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.due_key, p.id LIMIT ?`;
  const rows = await store.all(sql, [...params, limit + 1]);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const more = rows.length > limit && last;
  return { items, nextCursor: more ? encodeCursor(last.due_key as string, last.id as string) : null };
});

// Complaints, newest first; `q` a substring of the content (the complaints' list has no other text).
app.get<{ Querystring: { regionCode?: string; q?: string; limit?: string } }>('/complaints', async (req) => {
  const { regionCode, q } = req.query;
  const where: string[] = [];
  const params: unknown[] = [];
  if (regionCode) where.push(`c.${await regionColumn(regionCode)} = ?`) && params.push(regionCode);
  if (q) where.push('c.content LIKE ?') && params.push(`%${q.replace(/[\\%_]/g, '')}%`);
  const sql = `${COMPLAINTS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_on DESC, c.id DESC LIMIT ?`;
  return { items: await store.all(sql, [...params, Number(req.query.limit ?? 20)]) };
});

app.get<{ Params: { id: string } }>('/problems/:id', async (req, reply) => {
  const [row] = await store.all(DETAIL, [req.params.id]);
  if (!row) return reply.code(404).send({ error: 'not found' });
  const state = JSON.parse(row.state as string) as ProblemState;
  reply.header('etag', `"${state.version}"`);
  return {
    ...state,
    warning: computeWarning(state, today(), DEFAULT_RULES),
    regionName: row.region_name,
    leadUnitName: row.lead_unit_name,
  };
});

app.get<{ Params: { id: string } }>('/problems/:id/events', async (req) => {
  const rows = await store.all(EVENTS, [req.params.id]);
  return { items: rows.map((e) => ({ ...e, payload: JSON.parse(e.payload as string) })) };
});

app.get<{ Querystring: { regionCode: string } }>('/stats/problems', async (req) => {
  const col = await regionColumn(req.query.regionCode);
  const child = CHILD[col] ?? col;
  const sub = (sql: string) => sql.replaceAll('COL', col).replaceAll('CHILD', child);
  const byStatusArea = await store.all(sub(STATS.byStatusArea), [req.query.regionCode]);
  const children = await store.all(sub(STATS.children), [today(), req.query.regionCode]);
  return { byStatusArea, warnings: await warningCounts(req.query.regionCode, col), children };
});

async function warningCounts(code: string, col: string) {
  const dd = dates();
  const levels = ['red', 'yellow', 'stalled', 'green'].map((level) => ({ level, ...warningSql(level) }));
  const sums = levels.map((w) => `SUM(CASE WHEN ${w.sql} THEN 1 ELSE 0 END) AS ${w.level}`);
  const params = [...levels.flatMap((w) => w.dates.map((k) => dd[k])), code];
  const [r] = await store.all(`SELECT ${sums.join(', ')} FROM problems p WHERE p.${col} = ?`, params);
  return r;
}

app.get<{ Querystring: { regionCode: string } }>('/stats-rollup/problems', async (req) => {
  const col = await regionColumn(req.query.regionCode);
  const rows = await store.all(ROLLUP.read.replace('CHILD', CHILD[col] ?? col).replace('COL', col), [
    req.query.regionCode,
  ]);
  const tally = (key: (r: Row) => string) => {
    const out: Record<string, number> = {};
    for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + Number(r.n);
    return out;
  };
  return {
    byStatus: tally((r) => r.status as string),
    byArea: tally((r) => r.area as string),
    byWarning: tally((r) => r.warning as string),
    children: tally((r) => r.code as string),
  };
});

app.post<{ Body: Record<string, unknown> }>('/problems', async (req, reply) => {
  const created = await createProblem(store, ACTOR, req.body);
  return created ? reply.code(201).send(created) : reply.code(422).send({ error: 'unknown region' });
});

app.post<{ Params: { id: string }; Body: { text: string } }>('/problems/:id/urge', async (req, reply) => {
  const version = Number(/\d+/.exec(String(req.headers['if-match'] ?? ''))?.[0]);
  const next = await urgeProblem(store, ACTOR, req.params.id, version, req.body.text);
  return next ? next : reply.code(412).send({ error: 'stale version' });
});

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
console.log(`naive server ready on ${process.env.PORT}`);
