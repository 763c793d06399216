import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import type { ProblemStatus } from '../../core/vocabulary.js';
import { applyProblemFilter, regionColumn } from '../../db/problem.query.js';
import type { ServiceContext } from '../context.js';
import { getRegion } from '../regions.service.js';

const MAX_ITEMS = 5000;

/**
 * 一张清单: the compiled problem list of one place in one campaign — every item in the place's
 * subtree except merged duplicates, ordered by problem kind, area and code, with counts.
 */
export async function oneList(ctx: ServiceContext, actor: Actor, campaignId: string, regionCode: string) {
  const campaign = await ctx.db
    .selectFrom('campaigns')
    .select(['id', 'name', 'starts_on', 'ends_on', 'illustrative'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign) throw notFound({ zh: '专项行动', en: 'Campaign' });
  const region = await getRegion(ctx, regionCode);
  const column = await regionColumn(ctx.db, regionCode);
  const rows = await applyProblemFilter(
    ctx.db
      .selectFrom('problems')
      .leftJoin('units', 'units.id', 'problems.lead_unit_id')
      .innerJoin('regions', 'regions.code', 'problems.region_code')
      .select([
        'problems.id',
        'problems.code',
        'problems.title',
        'problems.status',
        'problems.source',
        'problems.area',
        'problems.sub_area',
        'problems.problem_kind',
        'problems.deadline',
        'problems.supervision_level',
        'problems.region_code',
        'regions.name as region_name',
        'units.name as lead_unit_name',
      ])
      .where('problems.status', '!=', 'merged'),
    { campaignId, regionCode, scope: actor.scope },
    column,
  )
    .orderBy('problems.problem_kind')
    .orderBy('problems.area')
    .orderBy('problems.code')
    .limit(MAX_ITEMS)
    .execute();
  const byStatus: Partial<Record<ProblemStatus, number>> = {};
  for (const r of rows) byStatus[r.status as ProblemStatus] = (byStatus[r.status as ProblemStatus] ?? 0) + 1;
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
      illustrative: campaign.illustrative === 1,
    },
    region,
    total: rows.length,
    byStatus,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      status: r.status as ProblemStatus,
      source: r.source,
      area: r.area,
      subArea: r.sub_area,
      problemKind: r.problem_kind,
      deadline: r.deadline,
      supervisionLevel: r.supervision_level,
      regionCode: r.region_code,
      regionName: r.region_name,
      leadUnitName: r.lead_unit_name,
    })),
  };
}
