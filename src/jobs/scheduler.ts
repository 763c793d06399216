import { randomUUID } from 'node:crypto';
import { todayInShanghai } from '../core/working-days.js';
import type { ServiceContext } from '../services/context.js';
import { claimRun, finishRun } from './job-runs.js';

export interface Job {
  name: string;
  /** The period a run belongs to (e.g. the date): one run per key, whichever process claims it. */
  runKey(today: string, now: Date): string;
  run(ctx: ServiceContext, today: string): Promise<Record<string, unknown>>;
}

/** Runs every job whose current period has not run yet anywhere; returns the jobs this process ran. */
export async function runDueJobs(
  ctx: ServiceContext,
  jobs: readonly Job[],
  owner: string,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const now = ctx.clock.now();
    const today = todayInShanghai(now.toISOString());
    const key = job.runKey(today, now);
    if (!(await claimRun(ctx.db, job.name, key, owner, now))) continue;
    try {
      const detail = await job.run(ctx, today);
      await finishRun(ctx.db, job.name, key, 'done', detail, ctx.clock.now());
      ran.push(job.name);
    } catch (err) {
      await finishRun(ctx.db, job.name, key, 'failed', { error: (err as Error).message }, ctx.clock.now());
    }
  }
  return ran;
}

/** Checks for due work every `intervalMs`, safely alongside other processes on one database. */
export function startScheduler(
  ctx: ServiceContext,
  jobs: readonly Job[],
  intervalMs: number,
  log: { onRan: (job: string, owner: string) => void; onError: (err: unknown) => void },
) {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const job of await runDueJobs(ctx, jobs, owner)) log.onRan(job, owner);
    } catch (err) {
      log.onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return { owner, stop: () => clearInterval(timer) };
}
