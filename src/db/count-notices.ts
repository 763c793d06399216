import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { COUNT_NOTICES } from './migrations/2026-12-06-0013-count-notices.js';
import { isPostgres } from './one-statement.js';
import type { DB } from './schema.js';

/*
 * PostgreSQL: what this process has heard of other commits' count moves (decisions 0013 and
 * 0015). One connection LISTENs for the notices that writing processes send after their
 * commits; each moves a counter per province and per city. A dashboard answer kept with the
 * counters of its region as they were before it was read stays good while they have not moved
 * and the listener has stayed connected, so an unchanged dashboard costs no round trip. The same
 * connection reads the cities' write counters every second and moves the counters of those that
 * changed: a notice that never came (a writer that died between its commit and its notice, a
 * change made by another program) is made up for within that second. Anything missed (a lost
 * connection) resets every mark; while disconnected nothing is taken on trust.
 */

/** Whose counter: a province's (any of its cities moved), or a city's ('' for none). */
export type NoticeRegion = `p:${string}` | `c:${string}`;

/** The counters of a region when an answer was read. */
export interface NoticeMark {
  epoch: number;
  heard: number;
}

export class CountNotices {
  private heardOf = new Map<string, number>();
  /** Moves on every rebuild notice and every (re)connection: all marks are then stale. */
  private epoch = 0;
  connected = false;

  /** The region's counters now. */
  mark(region: NoticeRegion): NoticeMark {
    return { epoch: this.epoch, heard: this.heardOf.get(region) ?? 0 };
  }

  /** True when nothing the region's counts depend on can have moved since `mark`. */
  unchanged(region: NoticeRegion, mark: NoticeMark | undefined): boolean {
    return (
      this.connected &&
      mark !== undefined &&
      mark.epoch === this.epoch &&
      mark.heard === (this.heardOf.get(region) ?? 0)
    );
  }

  /** A notice: `province:city` (a city's counter moved), or `*` (the rollup was rebuilt). */
  heard(payload: string | undefined): void {
    const [province, city] = (payload ?? '*').split(':');
    // Anything but `province:city` (a rebuild's `*`): every mark is stale.
    if (city === undefined) {
      this.epoch++;
      return;
    }
    for (const region of [`p:${province}`, `c:${city}`])
      this.heardOf.set(region, (this.heardOf.get(region) ?? 0) + 1);
  }

  /** Connected (LISTEN in place) or not; either way every earlier mark is stale. */
  setConnected(connected: boolean): void {
    this.epoch++;
    this.connected = connected;
  }
}

const byDatabase = new WeakMap<Kysely<DB>, CountNotices>();

/** The notices heard for this database, when a listener runs (PostgreSQL servers). */
export const countNoticesOf = (db: Kysely<DB>): CountNotices | undefined => byDatabase.get(db);

/**
 * The notices' channel, one per schema (a tenant, a test run: its processes hear only each
 * other), named by a hash of the schema so that any schema's fits PostgreSQL's 63 bytes.
 */
export const COUNT_CHANNEL_SQL = `'${COUNT_NOTICES}_' || left(md5(current_schema()), 16)`;

/** How long a commit's notice may wait for others to share its statement. */
const ANNOUNCE_WITHIN_MS = 5;

/**
 * Sends a database handle's count moves to the other processes, after the commits that made
 * them: one `pg_notify` statement of its own for all the moves of a few milliseconds. Not from
 * the writing transaction: PostgreSQL serialises every notifying commit in the cluster on one
 * lock held through its WAL flush (decision 0015). A notice that fails to go out is made up for
 * by the listeners' reading of the counters.
 */
class CountAnnouncer {
  /** Marks this handle's notices, which its own listener has heard already. */
  readonly sender = randomBytes(6).toString('hex');
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  announce(payload: string): void {
    this.pending.add(`${payload}/${this.sender}`);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), ANNOUNCE_WITHIN_MS);
    this.timer.unref();
  }

  private flush(): void {
    this.timer = undefined;
    const payloads = [...this.pending];
    this.pending.clear();
    sql`select pg_notify(${sql.raw(COUNT_CHANNEL_SQL)}, p) from unnest(${payloads}::text[]) as p`
      .execute(this.db)
      .catch(() => {});
  }
}

const announcers = new WeakMap<Kysely<DB>, CountAnnouncer>();

function announcerOf(db: Kysely<DB>): CountAnnouncer {
  const known = announcers.get(db);
  if (known) return known;
  const made = new CountAnnouncer(db);
  announcers.set(db, made);
  return made;
}

/**
 * After a commit that moved a city's counts (`province:city`) or rebuilt them all (`*`): this
 * process's kept dashboards learn it at once, and on PostgreSQL the other processes a moment
 * later. Call it with the handle the transaction ran on, never inside the transaction.
 */
export function countsMovedBy(db: Kysely<DB>, payload: string): void {
  countNoticesOf(db)?.heard(payload);
  // Inside a transaction the notice would go out before the commit: the listeners' next
  // reading of the counters tells them instead.
  if (isPostgres(db) && !db.isTransaction) announcerOf(db).announce(payload);
}

/** The write counters as one reading of them: each city's, and the rollup's basis. */
interface CounterReading {
  cities: Map<string, { province: string; version: string }>;
  basis: string;
}

async function readCounters(c: pg.Client): Promise<CounterReading> {
  const stamps = await c.query<{ city_code: string; province_code: string; version: string }>(
    'select city_code, province_code, version::text as version from problem_count_stamps',
  );
  const state = await c.query<{ basis: string }>(
    `select valid_on || '/' || yellow_within_days || '/' || stalled_after_days || '/' || generation as basis
       from problem_count_state where id = 1`,
  );
  return {
    cities: new Map(stamps.rows.map((r) => [r.city_code, { province: r.province_code, version: r.version }])),
    basis: state.rows[0]?.basis ?? '',
  };
}

/** What moved between two readings, as the notices that would have said so. */
function movesBetween(before: CounterReading, after: CounterReading): string[] {
  if (before.basis !== after.basis || [...before.cities.keys()].some((city) => !after.cities.has(city)))
    return ['*'];
  return [...after.cities]
    .filter(([city, now]) => before.cities.get(city)?.version !== now.version)
    .map(([city, now]) => `${now.province}:${city}`);
}

export interface ListenOptions {
  onError?: (err: unknown) => void;
  /** How often the counters are read to make up for notices that never came (1 s). */
  pollMs?: number;
}

/**
 * Starts listening on a connection of its own, reconnecting after a loss (1 s, doubling to
 * 30 s). Resolves once the first LISTEN is in place or has failed (then it keeps trying).
 */
export async function listenForCountNotices(
  db: Kysely<DB>,
  newClient: () => pg.Client,
  { onError = () => {}, pollMs = 1_000 }: ListenOptions = {},
): Promise<{ notices: CountNotices; stop: () => Promise<void> }> {
  const notices = new CountNotices();
  byDatabase.set(db, notices);
  const own = `/${announcerOf(db).sender}`;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let delay = 1_000;

  const lost = (err: unknown) => {
    notices.setConnected(false);
    clearTimeout(pollTimer);
    const gone = client;
    client = undefined;
    gone?.removeAllListeners();
    gone?.end().catch(() => {});
    if (stopped) return;
    onError(err);
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30_000);
  };
  /** Reads the counters again and hears what moved since the last reading. */
  const pollFrom = (c: pg.Client, last: CounterReading) => {
    pollTimer = setTimeout(async () => {
      try {
        const now = await readCounters(c);
        if (client !== c) return;
        for (const payload of movesBetween(last, now)) notices.heard(payload);
        pollFrom(c, now);
      } catch (err) {
        if (client === c) lost(err);
      }
    }, pollMs);
    pollTimer.unref();
  };
  async function connect(): Promise<void> {
    const c = newClient();
    client = c;
    let channel = '';
    c.on('notification', (n) => {
      // This handle's own notices were heard at its commits (`countsMovedBy`).
      if (n.channel === channel && !n.payload?.endsWith(own)) notices.heard(n.payload?.split('/')[0]);
    });
    c.on('error', lost);
    c.on('end', () => {
      if (client === c) lost(new Error('count notices: the connection ended'));
    });
    try {
      await c.connect();
      const { rows } = await c.query<{ channel: string }>(`select ${COUNT_CHANNEL_SQL} as channel`);
      channel = rows[0]!.channel;
      await c.query(`listen ${c.escapeIdentifier(channel)}`);
      // Read after LISTEN: a move between them is both heard and read, never neither.
      const first = await readCounters(c);
      if (client !== c) return;
      notices.setConnected(true);
      delay = 1_000;
      pollFrom(c, first);
    } catch (err) {
      if (client === c) lost(err);
    }
  }

  await connect();
  return {
    notices,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(pollTimer);
      byDatabase.delete(db);
      notices.setConnected(false);
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      await c?.end().catch(() => {});
    },
  };
}
