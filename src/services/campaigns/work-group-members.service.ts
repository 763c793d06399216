import type { Actor } from '../../core/actor.js';
import { canManageCampaigns, requireAllowed } from '../../core/campaign.policy.js';
import { invalid, notFound } from '../../core/errors.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { createOnce, type IdempotencyRequest } from '../idempotency.js';
import { recordEvent } from './shared.js';
import { presentWorkGroups, type WorkGroupView } from './work-group.presenter.js';
import { bumpWorkGroup, findWorkGroupRow, insertMembers } from './work-group.store.js';
import { memberErrors, type NewMember, normaliseMember } from './work-group-input.js';

const MEMBER = { zh: '工作组成员', en: 'Work group member' };

async function view(ctx: ServiceContext, actor: Actor, id: string): Promise<WorkGroupView> {
  const [v] = await presentWorkGroups(ctx.db, actor, [await findWorkGroupRow(ctx.db, id)]);
  return v!;
}

/**
 * Adds a person to a group (If-Match on the group). The version check happens inside the
 * idempotent creation, so a retry with the same key replays instead of failing with 412.
 */
export async function addWorkGroupMember(
  ctx: ServiceContext,
  actor: Actor,
  workGroupId: string,
  expectedVersion: number,
  input: NewMember,
  idem?: Omit<IdempotencyRequest, 'actorId'>,
): Promise<{ value: WorkGroupView; replayed: boolean }> {
  requireAllowed(canManageCampaigns(actor));
  await findWorkGroupRow(ctx.db, workGroupId);
  const member = normaliseMember(input);
  const errors = await memberErrors(ctx, [member], (_i, f) => f);
  if (errors.length) throw invalid(errors);
  const { replayed } = await createOnce(
    ctx,
    idem && { ...idem, actorId: actor.userId },
    async (tctx) => {
      const now = tctx.clock.now().toISOString();
      const version = await bumpWorkGroup(tctx.db, workGroupId, expectedVersion);
      const [added] = await insertMembers(tctx, workGroupId, [member]);
      await recordEvent(tctx, now, {
        aggregateType: 'work_group',
        aggregateId: workGroupId,
        seq: version,
        type: 'work_group.member_added',
        actorId: actor.userId,
        payload: { member: added },
      });
      return { id: workGroupId, value: workGroupId };
    },
    async (id) => id,
  );
  return { value: await view(ctx, actor, workGroupId), replayed };
}

/** Removes a person from a group (If-Match on the group); the event keeps who it was. */
export async function removeWorkGroupMember(
  ctx: ServiceContext,
  actor: Actor,
  workGroupId: string,
  memberId: string,
  expectedVersion: number,
): Promise<WorkGroupView> {
  requireAllowed(canManageCampaigns(actor));
  await findWorkGroupRow(ctx.db, workGroupId);
  const member = await ctx.db
    .selectFrom('work_group_members')
    .selectAll()
    .where('id', '=', memberId)
    .where('work_group_id', '=', workGroupId)
    .executeTakeFirst();
  if (!member) throw notFound(MEMBER);
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const version = await bumpWorkGroup(trx, workGroupId, expectedVersion);
    await trx.deleteFrom('work_group_members').where('id', '=', memberId).execute();
    await recordEvent(withDb(ctx, trx), now, {
      aggregateType: 'work_group',
      aggregateId: workGroupId,
      seq: version,
      type: 'work_group.member_removed',
      actorId: actor.userId,
      payload: { memberId, name: member.name, memberRole: member.member_role },
    });
  });
  return view(ctx, actor, workGroupId);
}
