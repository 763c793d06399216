import type { Kysely } from 'kysely';
import { type RegionScope, regionScopeOf, type ScopeClause } from '../core/scope.js';
import type { Role } from '../core/vocabulary.js';
import type { DB, RegionRow } from '../db/schema.js';

const regionScope = (r: Pick<RegionRow, 'code' | 'level' | 'directly_administered'>): RegionScope =>
  regionScopeOf({ code: r.code, level: r.level, directlyAdministered: r.directly_administered === 1 });

/**
 * What a user may see: an office, complaint handler or viewer sees the subtree of its unit's
 * region (the province office the province, a city itself and its counties); a work-group
 * member or expert sees its groups' campaigns inside their assigned regions; unit staff see
 * the problems of their unit; the three administrators see no ledger content.
 */
export async function scopeFor(
  db: Kysely<DB>,
  user: { role: Role; unitId: string | null },
  unitRegion: RegionRow | undefined,
  workGroupIds: readonly string[],
): Promise<ScopeClause[]> {
  switch (user.role) {
    case 'office':
    case 'complaint_handler':
    case 'viewer':
      return unitRegion ? [{ kind: 'region', region: regionScope(unitRegion) }] : [];
    case 'unit_staff':
      return user.unitId ? [{ kind: 'unit', unitId: user.unitId }] : [];
    case 'group_member':
    case 'expert':
      return workGroupScopes(db, workGroupIds);
    default:
      return [];
  }
}

async function workGroupScopes(db: Kysely<DB>, workGroupIds: readonly string[]): Promise<ScopeClause[]> {
  if (!workGroupIds.length) return [];
  const rows = await db
    .selectFrom('work_group_regions')
    .innerJoin('work_groups', 'work_groups.id', 'work_group_regions.work_group_id')
    .innerJoin('regions', 'regions.code', 'work_group_regions.region_code')
    .select([
      'work_groups.id',
      'work_groups.campaign_id',
      'regions.code',
      'regions.level',
      'regions.directly_administered',
    ])
    .where('work_groups.id', 'in', [...workGroupIds])
    .execute();
  const byGroup = new Map<string, { campaignId: string; regions: RegionScope[] }>();
  for (const r of rows) {
    const entry = byGroup.get(r.id) ?? { campaignId: r.campaign_id, regions: [] };
    entry.regions.push(regionScope(r));
    byGroup.set(r.id, entry);
  }
  return [...byGroup.values()].map((g) => ({
    kind: 'work_group',
    campaignId: g.campaignId,
    regions: g.regions,
  }));
}
