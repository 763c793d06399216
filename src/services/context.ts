import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../core/actor.js';
import type { CampaignRules } from '../core/rules.js';
import type { Engine } from '../db/database.js';
import type { DB, RegionRow } from '../db/schema.js';
import type { TokenGrant } from './accounts/tokens.service.js';
import { aesGcmCipher, type FieldCipher } from './crypto/field-cipher.js';
import { ProblemStates } from './problems/problem-states.js';
import { TtlCache } from './ttl-cache.js';

/** The clock is injected everywhere so that no rule and no test depends on real time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and the demo: fixed, and movable forward. */
export function fixedClock(
  start: string | Date,
): Clock & { set(t: string | Date): void; advanceDays(n: number): void } {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v);
    },
    advanceDays: (n) => {
      t = new Date(t.getTime() + n * 86_400_000);
    },
  };
}

export interface ServiceContext {
  db: Kysely<DB>;
  engine: Engine;
  clock: Clock;
  newId: () => string;
  /** Where uploaded files and exports live (DUBAN_DATA_DIR). */
  dataDir: string;
  /** Per-process caches of hot, rarely changing reads (see ttl-cache.ts). */
  caches: ServiceCaches;
  /** Seals personal data at rest (complainant identities); its key never enters the database. */
  cipher: FieldCipher;
  /** Durable mode: waits until what was committed is on stable storage (Database.awaitDurable). */
  awaitDurable?: () => Promise<void>;
}

export interface ServiceCaches {
  actors: TtlCache<Actor>;
  rules: TtlCache<CampaignRules>;
  /** Usable API tokens by their hash; revoking a token or changing its user drops them here. */
  tokens: TtlCache<TokenGrant>;
  /** Display names of regions, units and users by `region:CODE` / `unit:ID` / `user:ID`. */
  names: TtlCache<string>;
  /**
   * Reference data a create checks (regions by code, the active vocabulary terms as
   * `kind:code`). Changing a term here drops `terms` at once; other processes see it within
   * the TTL. Unknown region codes are not remembered.
   */
  regions: TtlCache<RegionRow | undefined>;
  terms: TtlCache<ReadonlySet<string>>;
  /** Parsed problem states for reads, checked against the stored version on every read. */
  problemStates: ProblemStates;
}

export function createServiceContext(
  db: Kysely<DB>,
  engine: Engine,
  options: {
    clock?: Clock;
    dataDir?: string;
    cacheTtlMs?: number;
    cipher?: FieldCipher;
    awaitDurable?: () => Promise<void>;
  } = {},
): ServiceContext {
  const ttl = options.cacheTtlMs ?? 0;
  return {
    db,
    engine,
    clock: options.clock ?? systemClock,
    newId: () => uuidv7(),
    dataDir: options.dataDir ?? './data',
    caches: {
      actors: new TtlCache(ttl),
      rules: new TtlCache(ttl),
      tokens: new TtlCache(ttl),
      names: new TtlCache(ttl),
      regions: new TtlCache(ttl),
      terms: new TtlCache(ttl),
      problemStates: new ProblemStates(),
    },
    // Without a configured key (tests) the key lives as long as the process.
    cipher: options.cipher ?? aesGcmCipher(randomBytes(32)),
    awaitDurable: options.awaitDurable,
  };
}

/**
 * Runs `fn` in one transaction: the service owns it; nothing awaits network or files inside.
 * In durable mode it returns only once the commit is on stable storage, so nothing is
 * acknowledged that a power loss could undo.
 */
export async function inTransaction<T>(ctx: ServiceContext, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  // Joins the caller's transaction when there is one (e.g. a create wrapped in idempotency).
  if (ctx.db.isTransaction) return fn(ctx.db);
  const result = await ctx.db.transaction().execute(fn);
  await awaitDurable(ctx);
  return result;
}

/** Resolves once what this process committed so far is durable (at once unless in durable mode). */
export async function awaitDurable(ctx: ServiceContext): Promise<void> {
  await ctx.awaitDurable?.();
}

/** The same context bound to a transaction. */
export const withDb = (ctx: ServiceContext, db: Kysely<DB>): ServiceContext => ({ ...ctx, db });
