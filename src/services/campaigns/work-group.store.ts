import type { Kysely } from 'kysely';
import { notFound } from '../../core/errors.js';
import type { DB, WorkGroupRow } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { casSucceeded, versionConflict, WORK_GROUP } from './shared.js';
import { type MemberView, presentMember } from './work-group.presenter.js';
import type { NewMember, WorkGroupFields } from './work-group-input.js';

export async function findWorkGroupRow(db: Kysely<DB>, id: string): Promise<WorkGroupRow> {
  const row = await db.selectFrom('work_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(WORK_GROUP);
  return row;
}

/**
 * Compare-and-set of the group's version, so member changes and edits serialise per group.
 * Returns the new version; 0 rows means someone changed the group since it was read (→ 412).
 */
export async function bumpWorkGroup(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  set: Partial<Pick<WorkGroupRow, 'name' | 'lead_unit_id'>> = {},
): Promise<number> {
  const version = expectedVersion + 1;
  const result = await db
    .updateTable('work_groups')
    .set({ ...set, version })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (!casSucceeded(result)) throw versionConflict(WORK_GROUP);
  return version;
}

/** The group's units (lead included, so "groups of a unit" is one look-up) and regions. */
export async function replaceUnitsAndRegions(db: Kysely<DB>, id: string, g: WorkGroupFields): Promise<void> {
  await db.deleteFrom('work_group_units').where('work_group_id', '=', id).execute();
  await db.deleteFrom('work_group_regions').where('work_group_id', '=', id).execute();
  const unitIds = [g.leadUnitId, ...g.memberUnitIds];
  await db
    .insertInto('work_group_units')
    .values(unitIds.map((unit_id) => ({ work_group_id: id, unit_id })))
    .execute();
  await db
    .insertInto('work_group_regions')
    .values(g.regionCodes.map((region_code) => ({ work_group_id: id, region_code })))
    .execute();
}

/** Inserts members with fresh ids; returns them as presented (for the event payload too). */
export async function insertMembers(
  ctx: ServiceContext,
  workGroupId: string,
  members: readonly Required<NewMember>[],
): Promise<MemberView[]> {
  const rows = members.map((m) => ({
    id: ctx.newId(),
    work_group_id: workGroupId,
    name: m.name,
    title: m.title,
    unit_id: m.unitId,
    user_id: m.userId,
    member_role: m.memberRole,
    expertise: m.expertise,
  }));
  if (rows.length) await ctx.db.insertInto('work_group_members').values(rows).execute();
  return rows.map(presentMember);
}
