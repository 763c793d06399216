import type { AccountSettings } from '../services/accounts/settings.js';
import { disableInactiveAccountsJob, sealAuditJob } from './account-jobs.js';
import { problemCountsJob } from './problem-counts.job.js';
import type { Job } from './scheduler.js';
import { warningSnapshotJob } from './warning-snapshot.job.js';

/** Ledger jobs that need no settings (the counts first: the snapshot then reads today's). */
export const LEDGER_JOBS: readonly Job[] = [problemCountsJob, warningSnapshotJob];

/** Every scheduled job of the server. */
export const serverJobs = (accounts: AccountSettings): readonly Job[] => [
  ...LEDGER_JOBS,
  disableInactiveAccountsJob(accounts),
  sealAuditJob,
];
