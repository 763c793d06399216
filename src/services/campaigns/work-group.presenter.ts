import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.js';
import { workGroupAbilities } from '../../core/campaign.policy.js';
import type { MemberRole } from '../../core/vocabulary.js';
import type { DB, WorkGroupMemberRow, WorkGroupRow } from '../../db/schema.js';
import { type RegionRef, regionRef } from './shared.js';

export interface UnitRef {
  id: string;
  name: string;
}

export interface MemberView {
  id: string;
  name: string;
  title: string | null;
  unitId: string | null;
  userId: string | null;
  memberRole: MemberRole;
  expertise: string | null;
}

export interface WorkGroupView {
  id: string;
  campaignId: string;
  name: string;
  leadUnit: UnitRef;
  /** Co-operating units besides the lead. */
  memberUnits: UnitRef[];
  regions: RegionRef[];
  /** In the order they joined. */
  members: MemberView[];
  version: number;
  createdAt: string;
  abilities: ReturnType<typeof workGroupAbilities>;
}

export const presentMember = (m: WorkGroupMemberRow): MemberView => ({
  id: m.id,
  name: m.name,
  title: m.title,
  unitId: m.unit_id,
  userId: m.user_id,
  memberRole: m.member_role as MemberRole,
  expertise: m.expertise,
});

/** Presents work groups with three batched look-ups (units, regions, members). */
export async function presentWorkGroups(
  db: Kysely<DB>,
  actor: Actor,
  rows: readonly WorkGroupRow[],
): Promise<WorkGroupView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const units = await db
    .selectFrom('work_group_units')
    .innerJoin('units', 'units.id', 'work_group_units.unit_id')
    .select(['work_group_units.work_group_id', 'units.id', 'units.name'])
    .where('work_group_units.work_group_id', 'in', ids)
    .orderBy('units.name')
    .execute();
  const regions = await db
    .selectFrom('work_group_regions')
    .innerJoin('regions', 'regions.code', 'work_group_regions.region_code')
    .select(['work_group_regions.work_group_id', 'regions.code', 'regions.name', 'regions.level'])
    .where('work_group_regions.work_group_id', 'in', ids)
    .orderBy('regions.code')
    .execute();
  // Member ids are UUIDv7: ordering by id is ordering by when they joined.
  const members = await db
    .selectFrom('work_group_members')
    .selectAll()
    .where('work_group_id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const own = units.filter((u) => u.work_group_id === r.id);
    const lead = own.find((u) => u.id === r.lead_unit_id);
    return {
      id: r.id,
      campaignId: r.campaign_id,
      name: r.name,
      leadUnit: { id: r.lead_unit_id, name: lead?.name ?? '' },
      memberUnits: own.filter((u) => u.id !== r.lead_unit_id).map((u) => ({ id: u.id, name: u.name })),
      regions: regions.filter((g) => g.work_group_id === r.id).map(regionRef),
      members: members.filter((m) => m.work_group_id === r.id).map(presentMember),
      version: r.version,
      createdAt: r.created_at,
      abilities: workGroupAbilities(actor, r.id),
    };
  });
}
