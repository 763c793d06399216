import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { findUserByLogin, loadActor } from '../../src/services/accounts.service.js';
import { recordSiteVisit } from '../../src/services/campaigns/site-visit.service.js';
import { createWorkGroup } from '../../src/services/campaigns/work-group.service.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('one list, case file, screening and findings', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });

  it('compiles the one list of a place: its subtree, in one campaign, without merged duplicates', async () => {
    const office = w.as('office');
    const a = (
      await office('POST', '/problems', newProblem(w.campaignId, { title: '清单甲', regionCode: '220184' }))
    ).json();
    await office(
      'POST',
      '/problems',
      newProblem(w.campaignId, { title: '清单乙', regionCode: '220102', areas: ['air'] }),
    );
    await office(
      'POST',
      '/problems',
      newProblem(w.campaignId, { title: '四平的问题', regionCode: '220302' }),
    );
    const dup = (
      await office('POST', '/problems', newProblem(w.campaignId, { title: '清单甲（重复）' }))
    ).json();
    expect(
      (await office('POST', `/problems/${dup.id}/merge-into`, { targetId: a.id }, { 'if-match': '"1"' }))
        .statusCode,
    ).toBe(200);

    const list = (await office('GET', `/campaigns/${w.campaignId}/regions/220100/one-list`)).json();
    expect(list.region.name).toBe('长春市');
    expect(list.items.map((i: { title: string }) => i.title).sort()).toEqual(['清单乙', '清单甲']);
    expect(list.byStatus).toEqual({ registered: 2 });
    expect((await office('GET', `/campaigns/${w.campaignId}/regions/999999/one-list`)).statusCode).toBe(404);
  });

  it('exports the case file as one archive with escaped HTML', async () => {
    const p = (
      await w.as('office')(
        'POST',
        '/problems',
        newProblem(w.campaignId, { title: '<script>alert(1)</script>渗滤液' }),
      )
    ).json();
    const res = await w.as('office')('GET', `/problems/${p.code}/case-file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const page = strFromU8(files[`${p.code}/案卷.html`]!);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;渗滤液');
    expect(page).not.toContain('<script>alert');
    expect(JSON.parse(strFromU8(files[`${p.code}/events.json`]!))[0].type).toBe('problem.registered');
  });

  it('举一反三 creates linked screening items in other regions, all or nothing', async () => {
    const origin = (
      await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: '散乱污企业死灰复燃' }))
    ).json();
    const bad = await w.as('office')('POST', `/problems/${origin.id}/screening`, {
      regionCodes: ['220200', '000000'],
    });
    expect(bad.statusCode).toBe(400);
    const res = await w.as('office')('POST', `/problems/${origin.id}/screening`, {
      regionCodes: ['220200', '220300'],
    });
    expect(res.statusCode).toBe(201);
    const items = res.json().items;
    expect(items.map((i: { regionName: string }) => i.regionName)).toEqual(['吉林市', '四平市']);
    expect(items[0]).toMatchObject({ source: 'screening', originId: origin.id });
    const linked = (await w.as('office')('GET', `/problems?originId=${origin.id}`)).json();
    expect(linked.items).toHaveLength(2);
  });

  it('registers a site-visit finding as a problem of the group and links it', async () => {
    const office = await loadActor(w.ctx, (await findUserByLogin(w.ctx, 'office'))!);
    const { value: group } = await createWorkGroup(w.ctx, office, w.campaignId, {
      name: '第二督导帮扶工作组',
      leadUnitId: w.units.office.id,
      regionCodes: ['220100'],
    });
    const { value: visit } = await recordSiteVisit(w.ctx, office, group.id, {
      visitedOn: '2020-08-01',
      regionCode: '220184',
      place: '公主岭市范家屯镇',
      findings: [{ text: '养殖场粪污未经处理直排沟渠', area: 'water' }],
    });
    const finding = visit.findings[0]!;
    const res = await w.as('office')('POST', `/site-visits/${visit.id}/findings/${finding.id}/problem`, {});
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      source: 'site_visit',
      workGroupId: group.id,
      regionCode: '220184',
      title: '养殖场粪污未经处理直排沟渠',
    });
    const again = await w.as('office')('POST', `/site-visits/${visit.id}/findings/${finding.id}/problem`, {});
    expect(again.statusCode).toBe(400);
  });

  it('serves the OpenAPI 3.1 document, the docs page and health', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/problems',
        '/api/v1/problems/{id}/accept-closure',
        '/api/v1/campaigns',
        '/api/v1/regions',
      ]),
    );
    expect((await w.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
    expect((await w.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });
});

describeEachEngine('evidence files', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });

  it('stores evidence, serves it back and puts it in the case file; refuses other types', async () => {
    const p = (await w.as('office')('POST', '/problems', newProblem(w.campaignId))).json();
    const pdf = Buffer.from('%PDF-1.4 监测报告');
    const up = await w.as('office')(
      'POST',
      `/problems/${p.id}/attachments?name=${encodeURIComponent('监测报告.pdf')}`,
      pdf,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({
      fileName: '监测报告.pdf',
      sizeBytes: pdf.length,
      mediaType: 'application/pdf',
    });
    const down = await w.as('office')('GET', `/attachments/${up.json().id}`);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    const html = await w.as('office')('POST', `/problems/${p.id}/attachments?name=x.html`, '<script>', {
      'content-type': 'text/html',
    });
    expect(html.statusCode, html.body).toBe(415);
    const zip = unzipSync(
      new Uint8Array((await w.as('office')('GET', `/problems/${p.id}/case-file`)).rawPayload),
    );
    expect(Object.keys(zip)).toContain(`${p.code}/证据材料/001-监测报告.pdf`);
    expect((await w.as('mhkClerk')('GET', `/attachments/${up.json().id}`)).statusCode).toBe(404);
  });

  it('stores photos without their EXIF location', async () => {
    const p = (await w.as('office')('POST', '/problems', newProblem(w.campaignId))).json();
    const exif = Buffer.from('Exif\0\0GPS 43.88N 125.35E', 'latin1');
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      app1,
      Buffer.from([0xff, 0xda, 0, 2, 0xff, 0xd9]),
    ]);
    const up = await w.as('office')('POST', `/problems/${p.id}/attachments?name=site.jpg`, jpeg, {
      'content-type': 'image/jpeg',
    });
    expect(up.statusCode).toBe(201);
    const down = await w.as('office')('GET', `/attachments/${up.json().id}`);
    expect(down.rawPayload.toString('latin1')).not.toContain('GPS');
    expect(down.rawPayload.length).toBe(jpeg.length - app1.length);
  });
});
