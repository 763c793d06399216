import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.js';
import { canManageCampaigns, requireAllowed } from '../../core/campaign.policy.js';
import type { DB, WorkGroupRow } from '../../db/schema.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { createOnce, type IdempotencyRequest } from '../idempotency.js';
import { findCampaignRow } from './campaign.service.js';
import { changedFields, recordEvent, versionConflict, WORK_GROUP } from './shared.js';
import { presentWorkGroups, type WorkGroupView } from './work-group.presenter.js';
import {
  bumpWorkGroup,
  findWorkGroupRow,
  insertMembers,
  replaceUnitsAndRegions,
} from './work-group.store.js';
import {
  type NewWorkGroup,
  normaliseMember,
  normaliseWorkGroup,
  validateWorkGroup,
  type WorkGroupChanges,
  type WorkGroupFields,
} from './work-group-input.js';

/** Forms a work group in a campaign (name, lead and co-operating units, regions, people). */
export async function createWorkGroup(
  ctx: ServiceContext,
  actor: Actor,
  campaignId: string,
  input: NewWorkGroup,
  idem?: Omit<IdempotencyRequest, 'actorId'>,
): Promise<{ value: WorkGroupView; replayed: boolean }> {
  requireAllowed(canManageCampaigns(actor));
  await findCampaignRow(ctx.db, campaignId);
  const g = normaliseWorkGroup(input);
  const members = (input.members ?? []).map(normaliseMember);
  await validateWorkGroup(ctx, campaignId, g, members);
  const { value: id, replayed } = await createOnce(
    ctx,
    idem && { ...idem, actorId: actor.userId },
    async (tctx) => {
      const id = tctx.newId();
      const now = tctx.clock.now().toISOString();
      await tctx.db
        .insertInto('work_groups')
        .values({
          id,
          campaign_id: campaignId,
          name: g.name,
          lead_unit_id: g.leadUnitId,
          version: 1,
          created_at: now,
        })
        .execute();
      await replaceUnitsAndRegions(tctx.db, id, g);
      const added = await insertMembers(tctx, id, members);
      await recordEvent(tctx, now, {
        aggregateType: 'work_group',
        aggregateId: id,
        seq: 1,
        type: 'work_group.created',
        actorId: actor.userId,
        payload: { campaignId, ...g, members: added },
      });
      return { id, value: id };
    },
    async (id) => id,
  );
  return { value: await getWorkGroup(ctx, actor, id), replayed };
}

export async function getWorkGroup(ctx: ServiceContext, actor: Actor, id: string): Promise<WorkGroupView> {
  const [view] = await presentWorkGroups(ctx.db, actor, [await findWorkGroupRow(ctx.db, id)]);
  return view!;
}

/** The campaign's work groups in the order they were formed. */
export async function listWorkGroups(
  ctx: ServiceContext,
  actor: Actor,
  campaignId: string,
): Promise<WorkGroupView[]> {
  await findCampaignRow(ctx.db, campaignId);
  const rows = await ctx.db
    .selectFrom('work_groups')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return presentWorkGroups(ctx.db, actor, rows);
}

/** PATCH with If-Match: name, lead unit, co-operating units, regions (members have their own calls). */
export async function updateWorkGroup(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  changes: WorkGroupChanges,
): Promise<WorkGroupView> {
  requireAllowed(canManageCampaigns(actor));
  const row = await findWorkGroupRow(ctx.db, id);
  if (row.version !== expectedVersion) throw versionConflict(WORK_GROUP);
  const current = normaliseWorkGroup({ ...(await currentFields(ctx.db, row)) });
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next = normaliseWorkGroup({ ...current, ...defined });
  await validateWorkGroup(ctx, row.campaign_id, next);
  const changed = changedFields(current, next);
  if (!Object.keys(changed).length) return getWorkGroup(ctx, actor, id);
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const version = await bumpWorkGroup(trx, id, expectedVersion, {
      name: next.name,
      lead_unit_id: next.leadUnitId,
    });
    await replaceUnitsAndRegions(trx, id, next);
    await recordEvent(withDb(ctx, trx), now, {
      aggregateType: 'work_group',
      aggregateId: id,
      seq: version,
      type: 'work_group.updated',
      actorId: actor.userId,
      payload: { changes: changed },
    });
  });
  return getWorkGroup(ctx, actor, id);
}

async function currentFields(db: Kysely<DB>, row: WorkGroupRow): Promise<WorkGroupFields> {
  const units = await db
    .selectFrom('work_group_units')
    .select('unit_id')
    .where('work_group_id', '=', row.id)
    .execute();
  const regions = await db
    .selectFrom('work_group_regions')
    .select('region_code')
    .where('work_group_id', '=', row.id)
    .execute();
  return {
    name: row.name,
    leadUnitId: row.lead_unit_id,
    memberUnitIds: units.map((u) => u.unit_id).filter((u) => u !== row.lead_unit_id),
    regionCodes: regions.map((r) => r.region_code),
  };
}
