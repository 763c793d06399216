import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('scoped access', (get) => {
  let w: ProblemWorld;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    w = await problemWorld(get());
    const office = w.as('office');
    for (const [name, region] of [
      ['公主岭', '220184'],
      ['南关', '220102'],
      ['四平', '220302'],
      ['梅河口', '220581'],
    ] as const) {
      const p = (
        await office(
          'POST',
          '/problems',
          newProblem(w.campaignId, { title: `范围-${name}`, regionCode: region }),
        )
      ).json();
      ids[name] = p.id;
    }
    await office(
      'POST',
      `/problems/${ids['公主岭']}/assign`,
      { leadUnitId: w.units.gzlBureau.id, deadline: '2020-12-31' },
      { 'if-match': '"1"' },
    );
    await office(
      'POST',
      `/problems/${ids['梅河口']}/assign`,
      { leadUnitId: w.units.meihekou.id, coUnitIds: [w.units.gzlWater.id], deadline: '2020-12-31' },
      { 'if-match': '"1"' },
    );
  });

  const titles = async (who: keyof ProblemWorld['tokens'], query = '') =>
    (await w.as(who)('GET', `/problems?q=${encodeURIComponent('范围-')}${query}`))
      .json()
      .items.map((i: { title: string }) => i.title)
      .sort();

  it('filters lists in the query: province sees all, a city itself and its counties, a unit its own items', async () => {
    expect(await titles('office')).toEqual(['范围-公主岭', '范围-南关', '范围-四平', '范围-梅河口'].sort());
    expect(await titles('city')).toEqual(['范围-公主岭', '范围-南关'].sort());
    expect(await titles('clerk')).toEqual(['范围-公主岭']);
    expect(await titles('mhkClerk')).toEqual(['范围-梅河口']);
    // The expert's group covers 长春市 and 吉林市 in this campaign.
    expect(await titles('expert')).toEqual(['范围-公主岭', '范围-南关'].sort());
  });

  it('answers 404 outside the scope and 403 inside it when the role may not act', async () => {
    expect((await w.as('city')('GET', `/problems/${ids['四平']}`)).statusCode).toBe(404);
    expect((await w.as('clerk')('GET', `/problems/${ids['南关']}`)).statusCode).toBe(404);
    const urge = await w.as('clerk')(
      'POST',
      `/problems/${ids['公主岭']}/urge`,
      { text: '自己督促自己' },
      { 'if-match': '"2"' },
    );
    expect(urge.statusCode).toBe(403);
    expect(urge.json().message.zh).toBeTruthy();
    const outside = await w.as('city')(
      'POST',
      `/problems/${ids['四平']}/urge`,
      { text: '越界督促' },
      { 'if-match': '"1"' },
    );
    expect(outside.statusCode).toBe(404);
  });

  it('refuses registering outside the scope, and counts only what the actor may see', async () => {
    const res = await w.as('city')('POST', '/problems', newProblem(w.campaignId, { regionCode: '220302' }));
    expect(res.statusCode).toBe(403);
    const stats = (await w.as('city')('GET', '/stats/problems?regionCode=220000')).json();
    expect(stats.total).toBe(2);
    const cityList = (await w.as('city')('GET', `/campaigns/${w.campaignId}/regions/220000/one-list`)).json();
    expect(cityList.total).toBe(2);
  });
});
