import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import { warningPredicates } from '../../core/warnings.js';
import { todayInShanghai } from '../../core/working-days.js';
import { countsFromRollup, type RegionCounts } from '../../db/problem.counts.read.js';
import { problemStats } from '../../db/problem.stats.js';
import type { ServiceContext } from '../context.js';
import { regionNames } from '../reference-names.js';
import { rulesFor } from './decision-context.js';

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
  const rules = await rulesFor(ctx, campaignId ?? null);
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

/** Totals of a region subtree as of today: by status, area and warning light, and per child region. */
export async function statsForRegion(
  ctx: ServiceContext,
  actor: Actor,
  regionCode: string,
  campaignId?: string,
) {
  const { today, stats } = await regionCounts(ctx, actor, regionCode, campaignId);
  if (!stats) throw notFound({ zh: '行政区划', en: 'Region' });
  // Names are reference data, cached per process: a dashboard costs no query for them.
  const nameOf = await regionNames(
    ctx,
    stats.children.map((c) => c.code).filter((c): c is string => c !== null),
  );
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
