import type { Job } from './scheduler.js';
import { warningSnapshotJob } from './warning-snapshot.job.js';

/** Every scheduled job of the server. */
export const JOBS: readonly Job[] = [warningSnapshotJob];
