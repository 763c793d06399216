import type { Actor } from '../../core/actor.js';
import type { DecisionContext, ProblemState } from '../../core/problem.types.js';
import type { CampaignRules } from '../../core/rules.js';
import { resolveRules } from '../../core/rules.js';
import { addWorkingDays, todayInShanghai } from '../../core/working-days.js';
import { workGroupsCovering } from '../campaigns/coverage.js';
import type { ServiceContext } from '../context.js';
import { getRegionRow, unitRef } from '../regions.service.js';

/** The rules in force for a problem: its campaign's settings over the defaults. */
export async function rulesFor(ctx: ServiceContext, campaignId: string | null): Promise<CampaignRules> {
  if (!campaignId) return resolveRules(null);
  return ctx.caches.rules.get(campaignId, async () => {
    const c = await ctx.db
      .selectFrom('campaigns')
      .select('settings')
      .where('id', '=', campaignId)
      .executeTakeFirst();
    return resolveRules(c ? JSON.parse(c.settings) : null);
  });
}

const isProvinceOffice = (actor: Actor) => actor.role === 'office' && actor.unit?.regionLevel === 'province';

/** Everything the pure lifecycle needs, loaded before the decision. */
export async function decisionContext(
  ctx: ServiceContext,
  actor: Actor,
  state: ProblemState | null,
  regionCode: string,
  campaignId: string | null,
): Promise<DecisionContext> {
  const now = ctx.clock.now().toISOString();
  // Acceptance rank (lead unit's ancestry, covering work groups) only matters for accepting a
  // closure; other states skip those look-ups.
  const rankMatters = state?.status === 'closure_requested';
  const leadUnitId = rankMatters ? (state?.leadUnitId ?? null) : null;
  const lead = leadUnitId
    ? await ctx.db.selectFrom('units').selectAll().where('id', '=', leadUnitId).executeTakeFirst()
    : undefined;
  return {
    now,
    today: todayInShanghai(now),
    rules: await rulesFor(ctx, campaignId),
    actor: {
      userId: actor.userId,
      unit: actor.unit,
      workGroupIds: actor.workGroupIds,
      isProvinceOffice: isProvinceOffice(actor),
    },
    leadUnit: lead ? unitRef(lead, await getRegionRow(ctx.db, lead.region_code)) : null,
    campaignWorkGroupIds:
      campaignId && rankMatters ? await workGroupsCovering(ctx, campaignId, regionCode) : [],
    addWorkingDays,
  };
}
