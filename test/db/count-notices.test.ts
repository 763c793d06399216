import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CHANNEL_SQL, CountNotices, listenForCountNotices } from '../../src/db/count-notices.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { rebuildCounts } from '../../src/db/problem.counts.js';
import { buildApp } from '../../src/http/app.js';
import { createServiceContext } from '../../src/services/context.js';
import { ENGINES, freshDatabase } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

/** A connection of the listener's own to the test's schema (`?schema=` of the URL). */
function clientOf(url: string, applicationName = 'duban-test-listener') {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  return new pg.Client({
    connectionString: parsed.toString(),
    application_name: applicationName,
    options: `-c search_path=${schema}`,
  });
}

describe('count notices (what a process heard)', () => {
  it('keeps a mark good until its region, or everything, moves, and only while connected', () => {
    const n = new CountNotices();
    const before = n.mark('c:220100');
    expect(n.unchanged('c:220100', before)).toBe(false); // not connected yet
    n.setConnected(true);
    const city = n.mark('c:220100');
    const province = n.mark('p:220000');
    const other = n.mark('c:220300');
    n.heard('220000:220100');
    expect(n.unchanged('c:220100', city)).toBe(false);
    expect(n.unchanged('p:220000', province)).toBe(false);
    expect(n.unchanged('c:220300', other)).toBe(true);
    n.heard('*');
    expect(n.unchanged('c:220300', other)).toBe(false);
    const again = n.mark('c:220300');
    n.setConnected(false);
    n.setConnected(true);
    expect(n.unchanged('c:220300', again)).toBe(false); // notices may have been missed
    expect(n.unchanged('c:220300', undefined)).toBe(false);
  });
});

/*
 * Two processes on one PostgreSQL, as two database handles: A writes (and is the reference:
 * no listener, every dashboard checked against the database), B keeps answers and listens.
 */
describe.runIf(ENGINES.includes('postgres'))('dashboards kept by a listening process', () => {
  let a: Database;
  let b: Database;
  let drop: () => Promise<void>;
  let w: ProblemWorld;
  let appB: FastifyInstance;
  let listener: Awaited<ReturnType<typeof listenForCountNotices>>;
  const name = `duban-count-notices-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    ({ database: a, drop } = fresh);
    w = await problemWorld(a);
    await rebuildCounts(a.db, w.clock.now().toISOString().slice(0, 10));
    b = openDatabase(fresh.url, { poolSize: 2 });
    appB = await buildApp({ ctx: createServiceContext(b.db, 'postgres', { clock: w.clock }) });
    // Its own application name, to find the listener's backend below. Its counters are read
    // only once an hour here: a change nobody is told of stays unheard.
    listener = await listenForCountNotices(b.db, () => clientOf(fresh.url, name), { pollMs: 3_600_000 });
  });
  afterAll(async () => {
    await listener?.stop();
    await appB?.close();
    await b?.close();
    await a?.close();
    await drop?.();
  });

  const dashboard = async (app: FastifyInstance, region: string) =>
    (
      await app.inject({
        url: `/api/v1/stats/problems?regionCode=${region}`,
        headers: { authorization: `Bearer ${w.tokens.viewer}` },
      })
    ).body;
  const reference = (region: string) => dashboard(w.app, region);
  const kept = (region: string) => dashboard(appB, region);
  /** Polls B until it answers as the database does (2 s at most). */
  async function catchesUp(region: string) {
    for (let i = 0; i < 100 && (await kept(region)) !== (await reference(region)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await kept(region)).toBe(await reference(region));
  }
  /** Moves 长春's counts and its write counter as another program would: nobody is told. */
  async function moveSilently(db = a.db) {
    await sql`insert into problem_count_stamps (city_code, province_code, version) values ('220100', '220000', 1)
      on conflict (city_code) do update set version = problem_count_stamps.version + 1`.execute(db);
    await sql`update problem_counts set n = n + 100 where city_code = '220100'`.execute(db);
    await sql`update problem_city_counts set n = n + 100 where city_code = '220100'`.execute(db);
  }

  it("follows the other process's writes, and reuses its answer without asking while nothing moved", async () => {
    const office = w.as('office');
    expect(
      (await office('POST', '/problems', newProblem(w.campaignId, { regionCode: '220184' }))).statusCode,
    ).toBe(201);
    for (const region of ['220000', '220100', '220184'])
      expect(await kept(region)).toBe(await reference(region));
    // Created through A: A's notice reaches B, which answers anew.
    expect(
      (await office('POST', '/problems', newProblem(w.campaignId, { regionCode: '220184' }))).statusCode,
    ).toBe(201);
    for (const region of ['220000', '220100', '220184']) await catchesUp(region);

    // A change nobody is told of: B's kept answer stands (it did not ask), the database's moved.
    const before = await kept('220100');
    await moveSilently();
    expect(await reference('220100')).not.toBe(before);
    expect(await kept('220100')).toBe(before);
    // Told, B reads again.
    await sql`select pg_notify(${sql.raw(COUNT_CHANNEL_SQL)}, '220000:220100')`.execute(a.db);
    await catchesUp('220100');
  });

  it('asks the database every time while its listener is disconnected, then listens again', async () => {
    await kept('220100');
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`.execute(
      a.db,
    );
    for (let i = 0; i < 100 && listener.notices.connected; i++) await new Promise((r) => setTimeout(r, 20));
    expect(listener.notices.connected).toBe(false);
    await moveSilently();
    expect(await kept('220100')).toBe(await reference('220100'));
    // Reconnected after a second: kept answers are reused again.
    for (let i = 0; i < 150 && !listener.notices.connected; i++) await new Promise((r) => setTimeout(r, 20));
    expect(listener.notices.connected).toBe(true);
    await kept('220100');
    const before = await kept('220100');
    await moveSilently();
    expect(await kept('220100')).toBe(before);
    await sql`select pg_notify(${sql.raw(COUNT_CHANNEL_SQL)}, '*')`.execute(a.db);
    await catchesUp('220100');
  });
});

describe.runIf(ENGINES.includes('postgres'))('count notices after the commit (decision 0015)', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let w: ProblemWorld;
  let url: string;

  beforeAll(async () => {
    ({ database, drop, url } = await freshDatabase('postgres'));
    w = await problemWorld(database);
    await rebuildCounts(database.db, w.clock.now().toISOString().slice(0, 10));
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  /** A second process's handle, listening; its counters read every `pollMs`. */
  async function listening(pollMs: number) {
    const other = openDatabase(url, { poolSize: 1 });
    const listener = await listenForCountNotices(other.db, () => clientOf(url), { pollMs });
    const close = async () => {
      await listener.stop();
      await other.close();
    };
    return { other, notices: listener.notices, close };
  }
  const until = async (done: () => boolean, ms = 2_000) => {
    for (const end = Date.now() + ms; !done() && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 10));
    return done();
  };

  it('a write notifies no one inside its transaction: no trigger, and the notice follows the commit', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      join pg_namespace ns on ns.oid = c.relnamespace and ns.nspname = current_schema()
      where not t.tgisinternal and c.relname in ('problem_count_stamps', 'problem_count_state')`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
    const { notices, close } = await listening(3_600_000);
    try {
      const mark = notices.mark('c:220100');
      const res = await w.as('office')(
        'POST',
        '/problems',
        newProblem(w.campaignId, { regionCode: '220184' }),
      );
      expect(res.statusCode).toBe(201);
      expect(await until(() => !notices.unchanged('c:220100', mark))).toBe(true);
      expect(notices.unchanged('c:220300', notices.mark('c:220300'))).toBe(true);
    } finally {
      await close();
    }
  });

  it("a handle's own notices are not heard twice: its commit told it already", async () => {
    const { other, notices, close } = await listening(3_600_000);
    try {
      const app = await buildApp({ ctx: createServiceContext(other.db, 'postgres', { clock: w.clock }) });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/problems',
        headers: { authorization: `Bearer ${w.tokens.office}`, 'content-type': 'application/json' },
        payload: newProblem(w.campaignId, { regionCode: '220184' }),
      });
      expect(res.statusCode).toBe(201);
      // Heard at the commit. Its own notice goes out within milliseconds and is not heard
      // again; one sent after it, from elsewhere, is.
      const mark = notices.mark('c:220100');
      await new Promise((r) => setTimeout(r, 50));
      const elsewhere = notices.mark('c:220300');
      await sql`select pg_notify(${sql.raw(COUNT_CHANNEL_SQL)}, '220000:220300')`.execute(database.db);
      expect(await until(() => !notices.unchanged('c:220300', elsewhere))).toBe(true);
      expect(notices.unchanged('c:220100', mark)).toBe(true);
      await app.close();
    } finally {
      await close();
    }
  });

  it('a change nobody announced is heard at the next reading of the counters', async () => {
    const { notices, close } = await listening(100);
    try {
      const city = notices.mark('c:220100');
      const province = notices.mark('p:220000');
      const other = notices.mark('c:220300');
      await sql`insert into problem_count_stamps (city_code, province_code, version) values ('220100', '220000', 1)
        on conflict (city_code) do update set version = problem_count_stamps.version + 1`.execute(
        database.db,
      );
      expect(await until(() => !notices.unchanged('c:220100', city))).toBe(true);
      expect(notices.unchanged('p:220000', province)).toBe(false);
      expect(notices.unchanged('c:220300', other)).toBe(true);
      // A rebuild inside someone else's transaction, unannounced: every mark goes stale.
      const again = notices.mark('c:220300');
      await database.db.transaction().execute((trx) => rebuildCounts(trx, '2026-01-01'));
      expect(await until(() => !notices.unchanged('c:220300', again))).toBe(true);
    } finally {
      await close();
    }
  });
});
