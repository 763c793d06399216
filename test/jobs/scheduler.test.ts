import { beforeAll, expect, it } from 'vitest';
import { LEDGER_JOBS as JOBS } from '../../src/jobs/index.js';
import { runDueJobs } from '../../src/jobs/scheduler.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('scheduled jobs', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
    const p = (await w.as('office')('POST', '/problems', newProblem(w.campaignId))).json();
    await w.as('office')(
      'POST',
      `/problems/${p.id}/assign`,
      { leadUnitId: w.units.gzlBureau.id, deadline: '2020-08-10' },
      { 'if-match': '"1"' },
    );
  });

  it('runs each job once per day however many processes race for it', async () => {
    w.clock.set('2020-08-20T02:00:00Z');
    const owners = await Promise.all(['a', 'b', 'c'].map((o) => runDueJobs(w.ctx, JOBS, o)));
    expect(owners.flat().sort()).toEqual(['problem-counts', 'warning-snapshot']);
    const runs = await get().db.selectFrom('job_runs').selectAll().orderBy('job').execute();
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ job: 'problem-counts', run_key: '2020-08-20/y7s30', outcome: 'done' });
    expect(runs[1]).toMatchObject({ job: 'warning-snapshot', run_key: '2020-08-20', outcome: 'done' });
    expect(await runDueJobs(w.ctx, JOBS, 'a')).toEqual([]);
  });

  it('snapshots the warning counts of the province and its cities', async () => {
    const rows = await get()
      .db.selectFrom('warning_snapshots')
      .selectAll()
      .where('taken_on', '=', '2020-08-20')
      .orderBy('region_code')
      .execute();
    expect(rows.map((r) => [r.region_code, r.total, r.red])).toEqual([
      ['220000', 1, 1],
      ['220100', 1, 1],
    ]);
    w.clock.set('2020-08-21T02:00:00Z');
    expect(await runDueJobs(w.ctx, JOBS, 'b')).toEqual(['problem-counts', 'warning-snapshot']);
  });
});
