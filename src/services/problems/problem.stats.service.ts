import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import { warningPredicates } from '../../core/warnings.js';
import { todayInShanghai } from '../../core/working-days.js';
import { countsFromRollup, type RegionCounts } from '../../db/problem.counts.read.js';
import { problemStats } from '../../db/problem.stats.js';
import type { ServiceContext } from '../context.js';
import { cachedRegionName, regionNames } from '../reference-names.js';
import { cachedRules, rulesFor } from './decision-context.js';

const tally = (rows: { key: string; n: number }[]) => {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.key] = (out[r.key] ?? 0) + Number(r.n);
  return out;
};

/**
 * The counts of a region subtree: from the rollup kept by every write when it can answer
 * exactly (its lights are today's, with these thresholds, for a scope it keys), otherwise
 * from the live GROUP BYs over `problems` (unit scopes, a campaign with its own thresholds,
 * or before the daily rebuild has moved the lights to today).
 */
async function regionCounts(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  campaignId?: string,
): Promise<{ today: string; stats: RegionCounts | undefined }> {
  const today = todayInShanghai(ctx.clock.now().toISOString());
  const rules = cachedRules(ctx, campaignId ?? null) ?? (await rulesFor(ctx, campaignId ?? null));
  const q = { regionCode, campaignId, scope: actor.scope, today, rules };
  const counted = await countsFromRollup(ctx.db, q);
  if (counted) return { today, stats: counted };
  const live = await problemStats(
    ctx.db,
    regionCode,
    campaignId,
    warningPredicates(today, rules),
    actor.scope,
  );
  return { today, stats: live };
}

type RegionStats = ReturnType<typeof presentStats>;

/**
 * Answers presented from the same counts (the rollup's kept answer: one object while its stamp
 * holds), date and names: handed out again as the same object, whose serialised body the route
 * keeps. Only when every name came from the cache without a promise.
 */
const presented = new WeakMap<
  RegionCounts,
  { regionCode: string; today: string; names: (string | undefined)[]; stats: RegionStats }
>();

/** Totals of a region subtree as of today: by status, area and warning light, and per child region. */
export async function statsForRegion(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  campaignId?: string,
) {
  const { today, stats } = await regionCounts(ctx, actor, regionCode, campaignId);
  if (!stats) throw notFound({ zh: '行政区划', en: 'Region' });
  const codes = stats.children.map((c) => c.code).filter((c): c is string => c !== null);
  const names = codes.map((c) => cachedRegionName(ctx, c));
  if (names.every((n) => n !== undefined)) {
    const kept = presented.get(stats);
    if (
      kept?.regionCode === regionCode &&
      kept.today === today &&
      kept.names.length === names.length &&
      kept.names.every((n, i) => n === names[i])
    )
      return kept.stats;
    const nameOf = new Map(codes.map((c, i) => [c, names[i]!]));
    const answer = presentStats(regionCode, today, stats, nameOf);
    presented.set(stats, { regionCode, today, names, stats: answer });
    return answer;
  }
  // Names are reference data, cached per process: a dashboard costs no query for them.
  return presentStats(regionCode, today, stats, await regionNames(ctx, codes));
}

function presentStats(regionCode: string, today: string, stats: RegionCounts, nameOf: Map<string, string>) {
  const byStatus = tally(stats.byStatusArea.map((r) => ({ key: r.status, n: r.n })));
  const w = stats.warnings;
  return {
    regionCode,
    asOf: today,
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byArea: tally(stats.byStatusArea.map((r) => ({ key: r.area, n: r.n }))),
    byWarning: {
      red: Number(w.red ?? 0),
      yellow: Number(w.yellow ?? 0),
      stalled: Number(w.stalled ?? 0),
      green: Number(w.green ?? 0),
    },
    children: stats.children
      .filter((c): c is typeof c & { code: string } => c.code !== null)
      .map((c) => ({
        regionCode: c.code,
        name: nameOf.get(c.code) ?? c.code,
        total: Number(c.total),
        open: Number(c.open ?? 0),
        overdue: Number(c.overdue ?? 0),
      }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
  };
}
