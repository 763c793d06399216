import { SYSTEM_ACTOR } from '../core/actor.js';
import type { ServiceContext } from '../services/context.js';
import { statsForRegion } from '../services/problems/problem.stats.service.js';
import type { Job } from './scheduler.js';

/**
 * Once a day (Asia/Shanghai), the warning counts of every province with problems and of its
 * cities: the trend that dispatch reports compare against.
 */
export const warningSnapshotJob: Job = {
  name: 'warning-snapshot',
  runKey: (today) => today,
  async run(ctx: ServiceContext, today: string) {
    const provinces = await ctx.db.selectFrom('problems').select('province_code').distinct().execute();
    let rows = 0;
    for (const { province_code } of provinces) {
      const s = await statsForRegion(ctx, SYSTEM_ACTOR, province_code);
      const open = s.byWarning.red + s.byWarning.yellow + s.byWarning.stalled + s.byWarning.green;
      const values = [
        { taken_on: today, region_code: province_code, total: s.total, open, ...s.byWarning },
        ...(await Promise.all(s.children.map(async (c) => snapshotOf(ctx, today, c.regionCode)))),
      ];
      await ctx.db
        .insertInto('warning_snapshots')
        .values(values)
        .onConflict((oc) => oc.columns(['taken_on', 'region_code']).doNothing())
        .execute();
      rows += values.length;
    }
    return { provinces: provinces.length, rows };
  },
};

async function snapshotOf(ctx: ServiceContext, today: string, regionCode: string) {
  const s = await statsForRegion(ctx, SYSTEM_ACTOR, regionCode);
  const open = s.byWarning.red + s.byWarning.yellow + s.byWarning.stalled + s.byWarning.green;
  return { taken_on: today, region_code: regionCode, total: s.total, open, ...s.byWarning };
}
