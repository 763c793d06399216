import { type FieldError, fieldError, invalid } from '../../core/errors.js';
import { todayInShanghai } from '../../core/working-days.js';
import type { ServiceContext } from '../context.js';
import { dateErrors, isWithin, regionRows, termErrors } from './shared.js';

export interface NewFinding {
  text: string;
  /** An `area` vocabulary code. */
  area?: string | null;
}

export interface NewSiteVisit {
  visitedOn: string;
  regionCode: string;
  place: string;
  /** Names of the people who took part (group members and local officials). */
  participants?: string[];
  summary?: string;
  findings?: NewFinding[];
}

/** A finding of a visit; `problemId` once it has been registered as a ledger problem. */
export interface Finding {
  id: string;
  text: string;
  area: string | null;
  problemId: string | null;
}

export type SiteVisitFields = Required<Omit<NewSiteVisit, 'findings'>> & { findings: Required<NewFinding>[] };

export const normaliseSiteVisit = (v: NewSiteVisit): SiteVisitFields => ({
  visitedOn: v.visitedOn,
  regionCode: v.regionCode,
  place: v.place?.trim() ?? '',
  participants: (v.participants ?? []).map((p) => p.trim()),
  summary: v.summary?.trim() ?? '',
  findings: (v.findings ?? []).map((f) => ({ text: f.text?.trim() ?? '', area: f.area || null })),
});

function plainErrors(v: SiteVisitFields, today: string): FieldError[] {
  const errors = dateErrors('visitedOn', v.visitedOn);
  if (!errors.length && v.visitedOn > today) {
    errors.push(fieldError('visitedOn', '督导日期不能晚于今天', 'must not be in the future'));
  }
  if (!v.place) errors.push(fieldError('place', '请填写督导地点', 'Place is required'));
  v.participants.forEach((p, i) => {
    if (!p) errors.push(fieldError(`participants.${i}`, '姓名不能为空', 'must not be empty'));
  });
  v.findings.forEach((f, i) => {
    if (!f.text) errors.push(fieldError(`findings.${i}.text`, '请填写发现的问题', 'Text is required'));
  });
  return errors;
}

/** The visit's region must lie inside the regions the group is assigned. */
async function regionErrors(ctx: ServiceContext, workGroupId: string, code: string): Promise<FieldError[]> {
  const assigned = await ctx.db
    .selectFrom('work_group_regions')
    .select('region_code')
    .where('work_group_id', '=', workGroupId)
    .execute();
  const region = (await regionRows(ctx.db, [code])).get(code);
  if (!region) return [fieldError('regionCode', `行政区划不存在：${code}`, `unknown region code: ${code}`)];
  if (!isWithin(region, new Set(assigned.map((a) => a.region_code)))) {
    return [
      fieldError(
        'regionCode',
        `${region.name}不在本工作组负责的地区内`,
        `${region.name} is not a region this work group is assigned`,
      ),
    ];
  }
  return [];
}

export async function validateSiteVisit(
  ctx: ServiceContext,
  workGroupId: string,
  v: SiteVisitFields,
): Promise<void> {
  const areaChecks = v.findings.map((f) => f.area ?? '');
  const areaErrors = (await termErrors(ctx, 'findings', 'area', areaChecks)).map((e) => ({
    ...e,
    field: `${e.field}.area`,
  }));
  const errors = [
    ...plainErrors(v, todayInShanghai(ctx.clock.now().toISOString())),
    ...(await regionErrors(ctx, workGroupId, v.regionCode)),
    ...areaErrors,
  ];
  if (errors.length) throw invalid(errors);
}
