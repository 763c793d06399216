import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('reference data over HTTP', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });

  it('walks the region tree: 长春市 lists 公主岭市; 吉林省 lists 梅河口市 as its own', async () => {
    const cc = (await w.as('viewer')('GET', '/regions?parent=220100')).json().items;
    expect(cc.map((r: { name: string }) => r.name)).toContain('公主岭市');
    const jl = (await w.as('viewer')('GET', '/regions?parent=220000')).json().items;
    expect(jl.find((r: { code: string }) => r.code === '220581')).toMatchObject({
      name: '梅河口市',
      directlyAdministered: true,
    });
    const mhk = (await w.as('viewer')('GET', '/regions/220581')).json();
    expect(mhk.ancestors.map((r: { name: string }) => r.name)).toEqual(['吉林省']);
    const gzl = (await w.as('viewer')('GET', '/regions/220184')).json();
    expect(gzl.ancestors.map((r: { name: string }) => r.name)).toEqual(['吉林省', '长春市']);
  });

  it('keeps vocabularies as data the office can extend, relabel and retire', async () => {
    const added = await w.as('office')('POST', '/vocabularies/sub_area', {
      code: 'straw_burning',
      label: { zh: '秸秆露天焚烧', en: 'Open straw burning' },
      parentCode: 'air',
    });
    expect(added.statusCode).toBe(201);
    const again = await w.as('office')('POST', '/vocabularies/sub_area', {
      code: 'straw_burning',
      label: { zh: 'x', en: 'x' },
      parentCode: 'air',
    });
    expect(again.statusCode).toBe(409);
    const orphan = await w.as('office')('POST', '/vocabularies/sub_area', {
      code: 'orphan',
      label: { zh: 'x', en: 'x' },
      parentCode: 'noise',
    });
    expect(orphan.statusCode).toBe(400);
    expect(
      (
        await w.as('viewer')('POST', '/vocabularies/area', {
          code: 'noise',
          label: { zh: '噪声', en: 'Noise' },
        })
      ).statusCode,
    ).toBe(403);
    const retired = await w.as('office')('PATCH', '/vocabularies/sub_area/straw_burning', { active: false });
    expect(retired.json()).toMatchObject({ code: 'straw_burning', active: false });
    const list = (await w.as('viewer')('GET', '/vocabularies/sub_area')).json().items;
    expect(list.at(-1)).toMatchObject({ code: 'straw_burning', parentCode: 'air' });
  });

  it('creates units in a region and reports readiness', async () => {
    const res = await w.as('office')('POST', '/units', {
      name: '双阳区生态环境分局',
      kind: 'department',
      regionCode: '220112',
    });
    expect(res.statusCode).toBe(201);
    const bad = await w.as('office')('POST', '/units', {
      name: '无名',
      kind: 'department',
      regionCode: '000000',
    });
    expect(bad.json().errors[0].field).toBe('regionCode');
    expect((await w.app.inject({ method: 'GET', url: '/readyz' })).json().status).toBe('ready');
  });
});
