import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('region statistics', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
    const office = w.as('office');
    const make = async (regionCode: string, areas: string[], deadline?: string) => {
      const p = (await office('POST', '/problems', newProblem(w.campaignId, { regionCode, areas }))).json();
      if (deadline) {
        await office(
          'POST',
          `/problems/${p.id}/assign`,
          { leadUnitId: w.units.changchun.id, deadline },
          { 'if-match': '"1"' },
        );
      }
    };
    // Warnings as of 2020-08-20:
    await make('220184', ['water'], '2020-08-10'); // overdue: red
    await make('220184', ['air'], '2020-08-25'); // within 7 days: yellow
    await make('220102', ['water'], '2020-12-31'); // green
    await make('220581', ['soil']); // registered, no deadline: green
    await make('220302', ['ecology'], '2020-08-05'); // 四平: red
    w.clock.set('2020-08-20T02:00:00Z');
  });

  it('counts a province by status, area, warning and city — 梅河口市 as a city of its own', async () => {
    const s = (await w.as('viewer')('GET', '/stats/problems?regionCode=220000')).json();
    expect(s).toMatchObject({
      total: 5,
      asOf: '2020-08-20',
      byStatus: { assigned: 4, registered: 1 },
      byArea: { water: 2, air: 1, soil: 1, ecology: 1 },
      byWarning: { red: 2, yellow: 1, stalled: 0, green: 2 },
    });
    expect(s.children).toEqual([
      { regionCode: '220100', name: '长春市', total: 3, open: 3, overdue: 1 },
      { regionCode: '220300', name: '四平市', total: 1, open: 1, overdue: 1 },
      { regionCode: '220581', name: '梅河口市', total: 1, open: 1, overdue: 0 },
    ]);
  });

  it('agrees with the warning filter of the ledger list', async () => {
    const red = (await w.as('viewer')('GET', '/problems?regionCode=220100&warning=red')).json();
    const s = (await w.as('viewer')('GET', '/stats/problems?regionCode=220100')).json();
    expect(red.items).toHaveLength(s.byWarning.red);
    expect(s.children.map((c: { name: string }) => c.name)).toEqual(['南关区', '公主岭市']);
    expect((await w.as('viewer')('GET', '/stats/problems?regionCode=999999')).statusCode).toBe(404);
  });
});
