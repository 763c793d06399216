import type { User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  actOnComplaint,
  type ComplaintCommandInput,
  receiveComplaint,
} from '../complaints/complaint.service.js';
import type { ServiceContext } from '../context.js';
import { actorOf, type DemoWorld, type Entry, need } from './demo.story.js';
import type { DemoComplaint, DemoComplaintCommand } from './demo.types.js';

/** The service command for a demo complaint step: names and keys become ids. */
function resolve(w: DemoWorld, c: DemoComplaintCommand): ComplaintCommandInput {
  switch (c.type) {
    case 'route':
      return { type: 'route', unitId: need(w.units, 'unit', c.unit).id };
    case 'link_problem':
      return { type: 'link_problem', problemId: need(w.problems, 'problem', c.problem).id };
    case 'mark_repeat':
      return { type: 'mark_repeat', firstComplaintId: need(w.complaints, 'complaint', c.first).id };
    default:
      return c;
  }
}

/** A complaint's receipt and steps as timeline entries of its campaign's story. */
export function complaintEntries(w: DemoWorld, campaignId: string, c: DemoComplaint): Entry[] {
  const receipt: Entry = {
    on: c.on,
    label: `complaint ${c.key} received by ${c.as}`,
    run: async () => {
      const { value } = await receiveComplaint(w.ctx, await actorOf(w, c.as), {
        ...c.complaint,
        campaignId,
        receivedOn: c.on,
        illustrative: true,
      });
      w.complaints.set(c.key, { id: value.id, version: value.version });
    },
  };
  const steps = c.steps.map(
    ([on, as, command], i): Entry => ({
      on,
      label: `complaint ${c.key} step ${i + 1} (${command.type} by ${as})`,
      run: async () => {
        const ref = need(w.complaints, 'complaint', c.key);
        const row = await actOnComplaint(
          w.ctx,
          await actorOf(w, as),
          ref.id,
          ref.version,
          resolve(w, command),
        );
        ref.version = row.version;
      },
    }),
  );
  return [receipt, ...steps];
}

/** The demo's handler is cleared for confidential complainants, as a security admin would do it. */
export async function grantDemoClearances(
  ctx: ServiceContext,
  user: User,
  clearances: readonly string[],
): Promise<User> {
  await ctx.db
    .updateTable('users')
    .set({ clearances: JSON.stringify([...clearances].sort()) })
    .where('id', '=', user.id)
    .execute();
  await recordAudit(
    ctx.db,
    {
      actorId: null,
      action: 'user.clearances_set',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      detail: { to: [...clearances].sort(), by: 'demo loader' },
    },
    ctx.clock.now(),
  );
  return { ...user, clearances: [...clearances].sort() };
}
