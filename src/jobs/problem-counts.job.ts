import { DEFAULT_RULES } from '../core/rules.js';
import { readCountBasis, rebuildCounts, sameThresholds } from '../db/problem.counts.js';
import type { ServiceContext } from '../services/context.js';
import type { Job } from './scheduler.js';

/**
 * Moves the dashboard rollup's warning lights to the new Shanghai date: the first tick after
 * 00:00 in any process claims the day and recounts (lights change with the date alone, e.g. a
 * deadline passing). Also builds the rollup on the first start after the migration, and again
 * when a release changes the default thresholds (they are part of the run key). Until it has
 * run, dashboards answer from the live query, so they are exact either way.
 */
export const problemCountsJob: Job = {
  name: 'problem-counts',
  runKey: (today) => `${today}/y${DEFAULT_RULES.yellowWithinDays}s${DEFAULT_RULES.stalledAfterDays}`,
  async run(ctx: ServiceContext, today: string) {
    const basis = await readCountBasis(ctx.db);
    // Already counted for today (e.g. by the benchmark generator): nothing to move.
    if (basis?.validOn === today && sameThresholds(basis, DEFAULT_RULES)) return { rebuilt: false };
    const started = Date.now();
    const counted = await rebuildCounts(ctx.db, today, DEFAULT_RULES);
    return { rebuilt: true, ...counted, ms: Date.now() - started };
  },
};
