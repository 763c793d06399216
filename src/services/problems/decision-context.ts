import type { Actor } from '../../core/actor.js';
import type { DecisionContext, ProblemState } from '../../core/problem.types.js';
import type { CampaignRules } from '../../core/rules.js';
import { resolveRules } from '../../core/rules.js';
import { addWorkingDays, todayInShanghai } from '../../core/working-days.js';
import { workGroupsCovering } from '../campaigns/coverage.js';
import type { ServiceContext } from '../context.js';
import { getRegionRow, unitRef } from '../regions.service.js';

const DEFAULTS = resolveRules(null);

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

/** The rules when they are known without a read (the defaults, or a campaign's in the cache). */
export function cachedRules(ctx: ServiceContext, campaignId: string | null): CampaignRules | undefined {
  return campaignId ? ctx.caches.rules.peek(campaignId) : DEFAULTS;
}

const isProvinceOffice = (actor: Actor) => actor.role === 'office' && actor.unit?.regionLevel === 'province';

/** Acceptance rank (lead unit's ancestry, covering work groups) only matters for accepting a closure. */
const rankMatters = (state: ProblemState | null) => state?.status === 'closure_requested';

/** Everything the pure lifecycle needs, loaded before the decision. */
export async function decisionContext(
  ctx: ServiceContext,
  actor: Actor,
  state: ProblemState | null,
  regionCode: string,
  campaignId: string | null,
): Promise<DecisionContext> {
  const now = ctx.clock.now().toISOString();
  // Other states skip the look-ups of the acceptance rank.
  const leadUnitId = rankMatters(state) ? (state?.leadUnitId ?? null) : null;
  const lead = leadUnitId
    ? await ctx.db.selectFrom('units').selectAll().where('id', '=', leadUnitId).executeTakeFirst()
    : undefined;
  return contextOf(
    now,
    await rulesFor(ctx, campaignId),
    actor,
    lead ? unitRef(lead, await getRegionRow(ctx.db, lead.region_code)) : null,
    campaignId && rankMatters(state) ? await workGroupsCovering(ctx, campaignId, regionCode) : [],
  );
}

/**
 * The same context when it needs no read (the state does not ask for the acceptance rank and
 * the rules are cached), without a promise; undefined otherwise: ask `decisionContext`.
 */
export function decisionContextIfCached(
  ctx: ServiceContext,
  actor: Actor,
  state: ProblemState,
): DecisionContext | undefined {
  if (rankMatters(state)) return undefined;
  const rules = cachedRules(ctx, state.campaignId);
  return rules && contextOf(ctx.clock.now().toISOString(), rules, actor, null, []);
}

function contextOf(
  now: string,
  rules: CampaignRules,
  actor: Actor,
  leadUnit: DecisionContext['leadUnit'],
  campaignWorkGroupIds: readonly string[],
): DecisionContext {
  return {
    now,
    today: todayInShanghai(now),
    rules,
    actor: {
      userId: actor.userId,
      unit: actor.unit,
      workGroupIds: actor.workGroupIds,
      isProvinceOffice: isProvinceOffice(actor),
    },
    leadUnit,
    campaignWorkGroupIds,
    addWorkingDays,
  };
}
