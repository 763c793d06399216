import type { ServiceContext } from '../context.js';
import { findRegionRow } from '../regions.service.js';
import { adminChain } from './shared.js';

/**
 * Ids of the campaign's work groups whose assigned regions contain `regionCode`: the region
 * itself or one of its administrative ancestors (公主岭市 is covered by a group assigned 长春市;
 * 梅河口市 is not covered by one assigned 通化市, since the province runs it directly).
 * An unknown region is covered by no group.
 */
export async function workGroupsCovering(
  ctx: ServiceContext,
  campaignId: string,
  regionCode: string,
): Promise<string[]> {
  const region = await findRegionRow(ctx.db, regionCode);
  if (!region) return [];
  const rows = await ctx.db
    .selectFrom('work_group_regions')
    .innerJoin('work_groups', 'work_groups.id', 'work_group_regions.work_group_id')
    .select('work_groups.id')
    .distinct()
    .where('work_groups.campaign_id', '=', campaignId)
    .where('work_group_regions.region_code', 'in', adminChain(region))
    .orderBy('work_groups.id')
    .execute();
  return rows.map((r) => r.id);
}
