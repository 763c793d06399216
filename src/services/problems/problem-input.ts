import { type FieldError, fieldError, invalid } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { cachedRegionRow } from '../regions.service.js';
import { requireTerms } from '../vocabulary.service.js';

/** What registering a problem takes. */
export interface NewProblem {
  title: string;
  description?: string;
  source: string;
  areas: string[];
  subArea?: string | null;
  problemKind?: string | null;
  campaignId?: string | null;
  workGroupId?: string | null;
  regionCode: string;
  location?: { lat: number; lng: number } | null;
  complaintLinked?: boolean;
  originId?: string | null;
  illustrative?: boolean;
}

/** Checks references the schema cannot: vocabulary codes, region, campaign and work group. */
export async function validateNewProblem(ctx: ServiceContext, p: NewProblem) {
  const errors: FieldError[] = [];
  if (!p.title?.trim()) errors.push(fieldError('title', '请填写问题标题', 'Title is required'));
  if (!p.areas?.length) errors.push(fieldError('areas', '至少选择一个领域', 'At least one area is required'));
  if (p.location && (Math.abs(p.location.lat) > 90 || Math.abs(p.location.lng) > 180)) {
    errors.push(fieldError('location', '坐标超出范围', 'Coordinates out of range'));
  }
  const region = await cachedRegionRow(ctx, p.regionCode);
  if (!region) errors.push(fieldError('regionCode', '行政区划不存在', 'Unknown region code'));
  if (p.campaignId) {
    const campaign = await ctx.db
      .selectFrom('campaigns')
      .select(['id', 'province_code'])
      .where('id', '=', p.campaignId)
      .executeTakeFirst();
    if (!campaign) errors.push(fieldError('campaignId', '专项行动不存在', 'Unknown campaign'));
    else if (region && campaign.province_code !== region.province_code) {
      errors.push(
        fieldError('regionCode', '地区不在该专项行动的省份内', 'Region is outside the campaign’s province'),
      );
    }
  }
  if (p.workGroupId) {
    const group = await ctx.db
      .selectFrom('work_groups')
      .select('campaign_id')
      .where('id', '=', p.workGroupId)
      .executeTakeFirst();
    if (!group || group.campaign_id !== p.campaignId) {
      errors.push(
        fieldError('workGroupId', '工作组不存在或不属于该专项行动', 'Work group not found in this campaign'),
      );
    }
  }
  if (
    p.originId &&
    !(await ctx.db.selectFrom('problems').select('id').where('id', '=', p.originId).executeTakeFirst())
  ) {
    errors.push(fieldError('originId', '源头问题不存在', 'Unknown origin problem'));
  }
  try {
    await requireTerms(ctx, [
      { field: 'source', kind: 'source', code: p.source },
      ...(p.areas ?? []).map((a, i) => ({ field: `areas.${i}`, kind: 'area', code: a })),
      { field: 'subArea', kind: 'sub_area', code: p.subArea },
      { field: 'problemKind', kind: 'problem_kind', code: p.problemKind },
    ]);
  } catch (err) {
    errors.push(...((err as { fields?: FieldError[] }).fields ?? []));
  }
  if (errors.length || !region) throw invalid(errors);
  return region;
}
