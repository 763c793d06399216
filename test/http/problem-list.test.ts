import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

interface Expected {
  id: string;
  status: string;
  warning: string;
  deadline: string | null;
  regionCode: string;
  unitIds: string[];
  supervised: boolean;
}

const CITY_OF: Record<string, string> = { '220184': '220100', '220102': '220100', '220302': '220300' };
const inRegion = (p: Expected, region?: string) =>
  !region || region === '220000' || p.regionCode === region || CITY_OF[p.regionCode] === region;
/** `&name=value` for each value given (a list: once per item), in the order given. */
const queryOf = (params: Record<string, string | boolean | readonly string[] | undefined>) =>
  Object.entries(params)
    .flatMap(([name, v]) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => `&${name}=${x}`))
    .join('');
const byDeadlineThenId = (a: Expected, b: Expected) =>
  (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31') || a.id.localeCompare(b.id);

/**
 * The ledger list (per-status slices merged, statuses implied by the warning, red as a
 * deadline range) against the plain definition: every problem whose detail has that status
 * and warning, in deadline then id order, paged two at a time through the cursors.
 */
describeEachEngine('ledger list filters and pages', (get) => {
  let w: ProblemWorld;
  let all: Expected[];
  beforeAll(async () => {
    w = await problemWorld(get());
    const office = w.as('office');
    const make = async (regionCode: string, deadline?: string, dismiss = false, co = false) => {
      const p = (await office('POST', '/problems', newProblem(w.campaignId, { regionCode }))).json();
      let version = p.version as number;
      if (deadline) {
        const coUnitIds = co ? [w.units.gzlBureau.id] : [];
        const body = { leadUnitId: w.units.changchun.id, coUnitIds, deadline };
        const res = await office('POST', `/problems/${p.id}/assign`, body, { 'if-match': `"${version}"` });
        expect(res.statusCode).toBe(200);
        version = res.json().version;
      }
      if (dismiss) {
        const body = { reason: '不属实' };
        const res = await office('POST', `/problems/${p.id}/dismiss`, body, { 'if-match': `"${version}"` });
        expect(res.statusCode).toBe(200);
      }
      return p.id as string;
    };
    // Warnings as of 2020-08-20.
    const ids = [
      await make('220184'), // registered, no deadline: green
      await make('220184', '2020-08-10', false, true), // red; 公主岭's bureau co-operates
      await make('220184', '2020-08-10'), // red, same deadline: ordered by id
      await make('220184', '2020-08-25'), // yellow
      await make('220102', '2020-12-31'), // green
      await make('220302', '2020-08-05'), // red, in 四平
      await make('220184', '2020-08-06', true, true), // dismissed with a past deadline: none, not red
      await make('220581', undefined, true), // dismissed, no deadline: none
    ];
    // Listed for supervision (挂牌督办): one in 公主岭, one in 四平.
    for (const id of [ids[3]!, ids[5]!]) {
      const { version } = (await office('GET', `/problems/${id}`)).json();
      const body = { level: 'province', deadline: '2020-09-30', reason: '群众反映强烈' };
      const res = await office('POST', `/problems/${id}/list-supervision`, body, {
        'if-match': `"${version}"`,
      });
      expect(res.statusCode).toBe(200);
    }
    w.clock.set('2020-08-20T02:00:00Z');
    all = [];
    for (const id of ids) {
      const d = (await w.as('viewer')('GET', `/problems/${id}`)).json();
      const unitIds = [d.leadUnitId, ...d.coUnitIds].filter(Boolean);
      all.push({
        id,
        status: d.status,
        warning: d.warning,
        deadline: d.deadline,
        regionCode: d.regionCode,
        unitIds,
        supervised: Boolean(d.supervision),
      });
    }
    expect(new Set(all.map((p) => p.warning))).toEqual(new Set(['green', 'red', 'yellow', 'none']));
  });

  async function listAll(query: string, who: 'viewer' | 'clerk' | 'mhkClerk' = 'viewer'): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const url: string = `/problems?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await w.as(who)('GET', url);
      expect(res.statusCode, url).toBe(200);
      const body = res.json();
      ids.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('too many pages');
  }

  it('returns exactly the matching problems in deadline order, for every filter combination', async () => {
    const regions = [undefined, '220000', '220100'];
    const statusSets = [
      [],
      ['assigned'],
      ['registered', 'assigned'],
      ['dismissed'],
      ['assigned', 'dismissed'],
    ];
    const warnings = [undefined, 'red', 'yellow', 'stalled', 'green', 'none'];
    for (const region of regions) {
      for (const statuses of statusSets) {
        for (const warning of warnings) {
          const query = queryOf({ regionCode: region, status: statuses, warning });
          const expected = all
            .filter((p) => inRegion(p, region))
            .filter((p) => !statuses.length || statuses.includes(p.status))
            .filter((p) => !warning || p.warning === warning)
            .sort(byDeadlineThenId)
            .map((p) => p.id);
          expect(await listAll(query), query).toEqual(expected);
        }
      }
    }
  });

  it('keeps a deadline range to the problems with a deadline inside it, bounds included', async () => {
    const ranges: [string | undefined, string | undefined][] = [
      ['2020-08-06', '2020-08-25'],
      ['2020-08-10', undefined],
      [undefined, '2020-08-10'],
      ['2020-09-01', undefined],
      ['2021-01-01', '2021-12-31'],
    ];
    for (const region of [undefined, '220000']) {
      for (const [from, to] of ranges) {
        const query = queryOf({ regionCode: region, deadlineFrom: from, deadlineTo: to });
        const expected = all
          .filter((p) => inRegion(p, region))
          .filter((p) => p.deadline && (!from || p.deadline >= from) && (!to || p.deadline <= to))
          .sort(byDeadlineThenId)
          .map((p) => p.id);
        expect(await listAll(query), query).toEqual(expected);
      }
    }
  });

  it("lists a unit's problems, lead or co-operating, and only those to the unit's staff", async () => {
    const { changchun, gzlBureau, meihekou } = w.units;
    const ofUnit = (unit: string, p: Expected) => p.unitIds.includes(unit);
    for (const unit of [changchun.id, gzlBureau.id, meihekou.id]) {
      for (const statuses of [[], ['assigned'], ['dismissed']]) {
        for (const region of [undefined, '220100', '220300']) {
          const query = queryOf({ unitId: unit, regionCode: region, status: statuses });
          const expected = all
            .filter((p) => ofUnit(unit, p) && inRegion(p, region))
            .filter((p) => !statuses.length || statuses.includes(p.status))
            .sort(byDeadlineThenId)
            .map((p) => p.id);
          expect(await listAll(query), query).toEqual(expected);
        }
      }
    }
    const ofGzl = all.filter((p) => ofUnit(gzlBureau.id, p)).sort(byDeadlineThenId);
    expect(ofGzl).toHaveLength(2);
    expect(await listAll('', 'clerk')).toEqual(ofGzl.map((p) => p.id));
    expect(await listAll('&warning=none', 'clerk')).toEqual(
      ofGzl.filter((p) => p.warning === 'none').map((p) => p.id),
    );
    // Another unit's filter inside the clerk's own scope: only what both hold.
    expect(await listAll(`&unitId=${changchun.id}`, 'clerk')).toEqual(ofGzl.map((p) => p.id));
    expect(await listAll('', 'mhkClerk')).toEqual([]);
  });

  it('lists the problems listed for supervision (挂牌督办), or those not, in any region', async () => {
    expect(all.filter((p) => p.supervised)).toHaveLength(2);
    for (const supervised of [true, false]) {
      for (const region of [undefined, '220000', '220100', '220300']) {
        for (const statuses of [[], ['assigned']]) {
          const query = queryOf({ supervised, regionCode: region, status: statuses });
          const expected = all
            .filter((p) => p.supervised === supervised && inRegion(p, region))
            .filter((p) => !statuses.length || statuses.includes(p.status))
            .sort(byDeadlineThenId)
            .map((p) => p.id);
          expect(await listAll(query), query).toEqual(expected);
        }
      }
    }
  });

  // Last: it adds problems the tests above do not expect.
  it("keeps a unit's list in deadline order when a deadline moves (an extension)", async () => {
    const office = w.as('office');
    const gzl = w.units.gzlBureau.id;
    const assigned = async (deadline: string) => {
      const p = (
        await office('POST', '/problems', newProblem(w.campaignId, { regionCode: '220184' }))
      ).json();
      const body = { leadUnitId: gzl, deadline };
      const res = await office('POST', `/problems/${p.id}/assign`, body, { 'if-match': `"${p.version}"` });
      expect(res.statusCode).toBe(200);
      return { id: p.id as string, version: res.json().version as number };
    };
    const a = await assigned('2020-09-12');
    const b = await assigned('2020-09-15');
    const before = all.filter((p) => p.unitIds.includes(gzl)).sort(byDeadlineThenId);
    expect(await listAll('', 'clerk')).toEqual([...before.map((p) => p.id), a.id, b.id]);
    // 公主岭's bureau, the lead unit, acknowledges a and asks for a later deadline; the office
    // approves it.
    const clerk = w.as('clerk');
    const acked = await clerk('POST', `/problems/${a.id}/acknowledge`, {}, { 'if-match': `"${a.version}"` });
    expect(acked.statusCode, acked.body).toBe(200);
    const asked = await clerk(
      'POST',
      `/problems/${a.id}/request-extension`,
      { newDeadline: '2020-10-15', reason: '设备采购周期长' },
      { 'if-match': `"${acked.json().version}"` },
    );
    expect(asked.statusCode, asked.body).toBe(200);
    const approved = await office(
      'POST',
      `/problems/${a.id}/approve-extension`,
      {},
      { 'if-match': `"${asked.json().version}"` },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().deadline).toBe('2020-10-15');
    const after = [...before.map((p) => p.id), b.id, a.id];
    expect(await listAll('', 'clerk')).toEqual(after);
    expect(await listAll(`&unitId=${gzl}`)).toEqual(after);
    expect(await listAll(`&unitId=${gzl}&deadlineFrom=2020-09-13`)).toEqual([b.id, a.id]);
  });
});
