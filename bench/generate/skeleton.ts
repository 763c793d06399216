import { formatLedgerCode } from '../../src/core/ledger-code.js';
import { DAY_MS, Rng } from './random.js';
import type { World } from './world.js';

/**
 * Where and when each problem starts, decided up front for all of them (cheap), sorted by
 * registration time so ids and ledger numbers grow as they would in production.
 */
export interface Skeleton {
  place: Int32Array;
  /** Index into world.campaigns, or -1. */
  campaign: Int32Array;
  createdMs: Float64Array;
  /** The ledger number within (province, year). */
  seq: Int32Array;
}

const SINCE = Date.UTC(2017, 2, 1);
const SHANGHAI = 8 * 3_600_000;

export function buildSkeleton(world: World, n: number): Skeleton {
  const rng = new Rng(world.seed, 0x5ce1);
  const cumulative: number[] = [];
  let total = 0;
  for (const p of world.provinces) {
    total += p.weight;
    cumulative.push(total);
  }
  const place = new Int32Array(n);
  const campaign = new Int32Array(n);
  const created = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pi = lowerBound(cumulative, rng.next() * total);
    const p = world.provinces[pi]!;
    // Some counties report far more than others: skew the pick towards the first places.
    place[i] = p.firstPlace + Math.floor(rng.next() ** 1.7 * p.placeCount);
    const c = p.campaigns.length && rng.chance(0.75) ? p.campaigns[rng.int(0, p.campaigns.length - 1)]! : -1;
    campaign[i] = c;
    created[i] =
      c >= 0
        ? world.campaigns[c]!.startMs + Math.min(-Math.log(1 - rng.next()) * 40, 365) * DAY_MS
        : SINCE + Math.sqrt(rng.next()) * (world.nowMs - SINCE);
    created[i] = Math.min(created[i]!, world.nowMs - rng.next() * DAY_MS);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => created[a]! - created[b]!);
  const sk: Skeleton = {
    place: Int32Array.from(order, (i) => place[i]!),
    campaign: Int32Array.from(order, (i) => campaign[i]!),
    createdMs: Float64Array.from(order, (i) => created[i]!),
    seq: new Int32Array(n),
  };
  const counters = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${world.places[sk.place[i]!]!.province}:${yearOf(sk.createdMs[i]!)}`;
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    sk.seq[i] = next;
  }
  return sk;
}

export const yearOf = (ms: number) => new Date(ms + SHANGHAI).getUTCFullYear();

/** The ledger_sequences rows that make the server continue after the generated numbers. */
export function ledgerSequences(world: World, sk: Skeleton) {
  const last = new Map<string, { prefix: string; year: number; last_value: number }>();
  for (let i = 0; i < sk.seq.length; i++) {
    const prefix = world.places[sk.place[i]!]!.province;
    const year = yearOf(sk.createdMs[i]!);
    last.set(`${prefix}:${year}`, { prefix, year, last_value: sk.seq[i]! });
  }
  return [...last.values()];
}

export const ledgerCode = (world: World, sk: Skeleton, i: number) =>
  formatLedgerCode(world.places[sk.place[i]!]!.province, yearOf(sk.createdMs[i]!), sk.seq[i]!);

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
