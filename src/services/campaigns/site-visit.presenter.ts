import type { Kysely } from 'kysely';
import type { DB, SiteVisitRow } from '../../db/schema.js';
import { type RegionRef, regionRef } from './shared.js';
import type { Finding } from './site-visit-input.js';

export interface SiteVisitView {
  id: string;
  workGroupId: string;
  campaignId: string;
  visitedOn: string;
  region: RegionRef;
  place: string;
  participants: string[];
  summary: string;
  findings: Finding[];
  /** The user who recorded it. */
  recordedBy: string;
  version: number;
  createdAt: string;
}

export const findingsOf = (row: Pick<SiteVisitRow, 'findings'>): Finding[] =>
  JSON.parse(row.findings) as Finding[];

/** Presents visits with one batched look-up of their regions and campaigns. */
export async function presentSiteVisits(
  db: Kysely<DB>,
  rows: readonly SiteVisitRow[],
): Promise<SiteVisitView[]> {
  if (!rows.length) return [];
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', 'in', [...new Set(rows.map((r) => r.region_code))])
    .execute();
  const groups = await db
    .selectFrom('work_groups')
    .select(['id', 'campaign_id'])
    .where('id', 'in', [...new Set(rows.map((r) => r.work_group_id))])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workGroupId: r.work_group_id,
    campaignId: groups.find((g) => g.id === r.work_group_id)?.campaign_id ?? '',
    visitedOn: r.visited_on,
    region: regionRef(
      regions.find((g) => g.code === r.region_code) ?? { code: r.region_code, name: '', level: '' },
    ),
    place: r.place,
    participants: JSON.parse(r.participants) as string[],
    summary: r.summary,
    findings: findingsOf(r),
    recordedBy: r.recorded_by,
    version: r.version,
    createdAt: r.created_at,
  }));
}
