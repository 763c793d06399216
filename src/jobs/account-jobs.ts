import { disableInactiveAccounts } from '../services/accounts/inactivity.service.js';
import type { AccountSettings } from '../services/accounts/settings.js';
import { sealAudit } from '../services/audit/audit.seal.js';
import type { Job } from './scheduler.js';

/** Daily: accounts unused for the configured days are disabled (等保: 及时停用多余、过期账户). */
export const disableInactiveAccountsJob = (settings: AccountSettings): Job => ({
  name: 'disable-inactive-accounts',
  runKey: (today) => today,
  run: async (ctx) => ({ disabled: (await disableInactiveAccounts(ctx, settings)).length }),
});

/** Hourly: a checkpoint over every audit chain that grew, so later edits are caught. */
export const sealAuditJob: Job = {
  name: 'audit-seal',
  runKey: (_today, now) => now.toISOString().slice(0, 13),
  run: async (ctx) => {
    const checkpoint = await sealAudit(ctx.db, ctx.clock.now());
    return { checkpoint: checkpoint?.seq ?? null };
  },
};
