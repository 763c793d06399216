import type { Kysely } from 'kysely';
import type pg from 'pg';
import { COUNT_NOTICES } from './migrations/2026-12-06-0013-count-notices.js';
import type { DB } from './schema.js';

/*
 * PostgreSQL: what this process has heard of other commits' count moves (decision 0013). One
 * connection LISTENs for the notices migration 0013's triggers send; each moves a counter per
 * province and per city. A dashboard answer kept with the counters of its region as they were
 * before it was read stays good while they have not moved and the listener has stayed
 * connected, so an unchanged dashboard costs no round trip. Anything missed (a lost
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
 * Starts listening on a connection of its own, reconnecting after a loss (1 s, doubling to
 * 30 s). Resolves once the first LISTEN is in place or has failed (then it keeps trying).
 */
export async function listenForCountNotices(
  db: Kysely<DB>,
  newClient: () => pg.Client,
  onError: (err: unknown) => void = () => {},
): Promise<{ notices: CountNotices; stop: () => Promise<void> }> {
  const notices = new CountNotices();
  byDatabase.set(db, notices);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 1_000;

  const lost = (err: unknown) => {
    notices.setConnected(false);
    const gone = client;
    client = undefined;
    gone?.removeAllListeners();
    gone?.end().catch(() => {});
    if (stopped) return;
    onError(err);
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30_000);
  };
  async function connect(): Promise<void> {
    const c = newClient();
    client = c;
    c.on('notification', (n) => {
      if (n.channel === COUNT_NOTICES) notices.heard(n.payload);
    });
    c.on('error', lost);
    c.on('end', () => {
      if (client === c) lost(new Error('count notices: the connection ended'));
    });
    try {
      await c.connect();
      await c.query(`listen ${COUNT_NOTICES}`);
      if (client !== c) return;
      notices.setConnected(true);
      delay = 1_000;
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
      byDatabase.delete(db);
      notices.setConnected(false);
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      await c?.end().catch(() => {});
    },
  };
}
