import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { searchPlanning } from '../../src/db/search.js';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_HARDENING } from '../../src/http/plugins/security.js';
import { addUser, createToken } from '../../src/services/accounts.service.js';
import { describeEachEngine } from '../support/engines.js';
import { type ProblemWorld, problemWorld } from '../support/problem-world.js';

const WHO = { name: '赵秀英', phone: '13912345678', email: 'zhao.xiuying@example.cn' };

/** GET /complaints?q=…: every intake path indexed, the complainant never. */
describeEachEngine('complaint list text search (q)', (getDb) => {
  let w: ProblemWorld;
  let app: FastifyInstance;
  let tokens: Record<'province' | 'city', string>;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  const call = (who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const search = async (q: string, who: keyof typeof tokens = 'province', extra = '') => {
    const res = await call(who, 'GET', `/complaints?limit=200&q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    const found = res.json().items.map((i: { id: string }) => i.id) as string[];
    return found.map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? id).sort();
  };

  beforeAll(async () => {
    w = await problemWorld(getDb());
    app = await buildApp({ ctx: w.ctx, hardening: { ...DEFAULT_HARDENING, publicSubmitsPerHour: 1000 } });
    const account = async (login: string, unitId: string) => {
      await addUser(w.ctx, { login, role: 'complaint_handler', unitId });
      return (await createToken(w.ctx, login)).token;
    };
    tokens = {
      province: await account('handler', w.units.office.id),
      city: await account('city-handler', w.units.changchun.id),
    };
    // The public web form, with a complainant.
    const web = await app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      payload: {
        content: '范家屯镇东风村磚廠夜間煙囪冒黑煙，氣味刺鼻。',
        place: '公主岭市范家屯镇东风村砖厂',
        pollutionType: 'air',
        regionCode: '220184',
        complainant: WHO,
      },
    });
    expect(web.statusCode, web.body).toBe(201);
    codes.web = web.json().trackingCode;
    // An Open311 client.
    const open311 = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        service_code: 'water',
        jurisdiction_id: '220581',
        description: '养殖场粪污直排(pái)入河，河水发黑。',
        address_string: '梅河口市山城镇',
        first_name: '秀英',
        last_name: '赵',
        phone: '13912345678',
      }).toString(),
    });
    expect(open311.statusCode, open311.body).toBe(201);
    codes.open311 = open311.json()[0].service_request_id;
    // A handler's entry from the 12369 hotline.
    const hotline = await call('province', 'POST', '/complaints', {
      channel: 'hotline_12369',
      content: '夜间施工噪声扰民，持续到凌晨。',
      place: '长春市朝阳区某工地',
      pollutionType: 'noise',
      regionCode: '220102',
      complainant: { name: '孙立', phone: '0434-6212345' },
    });
    expect(hotline.statusCode, hotline.body).toBe(201);
    ids.hotline = hotline.json().id;
    for (const key of ['web', 'open311'] as const) {
      const row = await w.ctx.db
        .selectFrom('complaints')
        .select('id')
        .where('tracking_code', '=', codes[key]!)
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    }
  });

  it('finds complaints from every intake by content and place, traditional or simplified', async () => {
    expect(await search('冒黑烟')).toEqual(['web']);
    expect(await search('砖厂')).toEqual(['web']);
    expect(await search('煙囪')).toEqual(['web']);
    expect(await search('直排入河')).toEqual(['open311']);
    expect(await search('山城镇')).toEqual(['open311']);
    expect(await search('噪声扰民')).toEqual(['hotline']);
    expect(await search('夜')).toEqual(['hotline', 'web']);
  });

  it('finds a complaint by its tracking code', async () => {
    expect(await search(codes.web!)).toEqual(['web']);
    expect(await search(codes.open311!.toLowerCase())).toEqual(['open311']);
  });

  it('never finds a complainant by name or contact', async () => {
    for (const q of [WHO.name, '秀英', '赵', WHO.phone, '139', 'zhao', 'example', '孙立', '0434']) {
      expect(await search(q), q).toEqual([]);
    }
  });

  it('never returns a complaint outside the reader’s scope', async () => {
    expect(await search('直排', 'city')).toEqual([]);
    expect(await search(codes.open311!, 'city')).toEqual([]);
    expect(await search('夜', 'city')).toEqual(['hotline', 'web']);
  });

  it('pages a search newest first, as the list does', async () => {
    const all = (await call('province', 'GET', `/complaints?limit=200&q=${encodeURIComponent('夜')}`))
      .json()
      .items.map((i: { id: string }) => i.id);
    const first = (await call('province', 'GET', `/complaints?limit=1&q=${encodeURIComponent('夜')}`)).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([all[0]]);
    const next = await call(
      'province',
      'GET',
      `/complaints?limit=1&q=${encodeURIComponent('夜')}&cursor=${first.nextCursor}`,
    );
    expect(next.json().items.map((i: { id: string }) => i.id)).toEqual([all[1]]);
    expect(next.json().nextCursor).toBeNull();
  });

  it('returns the same pages from the matches and walking newest first', async () => {
    const pages = async (q: string, who: keyof typeof tokens, extra: string) => {
      const out: string[][] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/complaints?limit=1&q=${encodeURIComponent(q)}${extra}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call(who, 'GET', url);
        expect(res.statusCode, res.body).toBe(200);
        out.push(res.json().items.map((i: { id: string }) => i.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return out;
    };
    try {
      for (const [q, who, extra] of [
        ['夜', 'province', ''],
        ['夜', 'city', ''],
        ['夜', 'province', '&regionCode=220100'],
        ['河', 'province', '&regionCode=220000'],
        ['噪声', 'city', '&regionCode=220102'],
        // Words: every tracking code begins with `jb`; `20` is inside each (SQL's test lets
        // them through) but begins none of their words (the rows' check turns them away).
        ['jb', 'province', ''],
        ['20', 'province', ''],
      ] as const) {
        searchPlanning.override = Number.POSITIVE_INFINITY;
        const fromMatches = await pages(q, who, extra);
        searchPlanning.override = 0;
        expect(await pages(q, who, extra), `${q} ${who} ${extra}`).toEqual(fromMatches);
        searchPlanning.override = 1;
        expect(await pages(q, who, extra), `${q} ${who} ${extra}`).toEqual(fromMatches);
      }
    } finally {
      searchPlanning.override = undefined;
    }
  });

  it('follows a complaint routed to another region, in the routing’s transaction', async () => {
    expect(await search('直排入河', 'province', '&regionCode=220581')).toEqual(['open311']);
    expect(await search('直排入河', 'province', '&regionCode=220184')).toEqual([]);
    expect(await search('直排入河', 'city')).toEqual([]);
    const row = await w.ctx.db
      .selectFrom('complaints')
      .select('version')
      .where('id', '=', ids.open311!)
      .executeTakeFirstOrThrow();
    const routed = await app.inject({
      method: 'POST',
      url: `/api/v1/complaints/${ids.open311}/route`,
      headers: { authorization: `Bearer ${tokens.province}`, 'if-match': `"${row.version}"` },
      payload: { unitId: w.units.gzlBureau.id, regionCode: '220184' },
    });
    expect(routed.statusCode, routed.body).toBe(200);
    for (const override of [undefined, 0, Number.POSITIVE_INFINITY]) {
      searchPlanning.override = override;
      expect(await search('直排入河', 'province', '&regionCode=220581')).toEqual([]);
      expect(await search('直排入河', 'province', '&regionCode=220184')).toEqual(['open311']);
      expect(await search('直排入河', 'province', '&regionCode=220100')).toEqual(['open311']);
      // 长春市 now sees it: 公主岭市 is in its subtree (its scope's region term, too).
      expect(await search('直排入河', 'city')).toEqual(['open311']);
    }
    searchPlanning.override = undefined;
  });

  it('answers hostile queries with what they match, and refuses one with nothing to search for', async () => {
    for (const h of ['"', "'", '*', '(', ':', '&', '|', '!', '\\', '%', '_']) {
      expect(await search(`${h}噪声${h}`), h).toEqual(['hotline']);
    }
    expect(await search('噪声 OR 黑烟')).toEqual([]);
    expect(await search('NEAR(噪声')).toEqual([]);
    const res = await call('province', 'GET', `/complaints?q=${encodeURIComponent('"*"')}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'q', message: { zh: expect.any(String), en: expect.any(String) } },
    ]);
  });

  it('offers no text search to the public', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    const withQ = Object.entries(
      doc.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>,
    )
      .filter(([, ops]) => ops.get?.parameters?.some((p) => p.name === 'q'))
      .map(([path]) => path);
    expect(withQ).toEqual(expect.arrayContaining(['/api/v1/problems', '/api/v1/complaints']));
    expect(withQ.filter((p) => p.includes('/public') || p.includes('open311'))).toEqual([]);
    const disclosures = await app.inject({
      url: `/api/v1/public/disclosures?q=${encodeURIComponent('黑烟')}`,
    });
    expect(disclosures.statusCode).not.toBe(500);
  });
});
