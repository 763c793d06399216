import { afterEach, beforeAll, expect, it } from 'vitest';
import { searchPlanning } from '../../src/db/search.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

type Who = Parameters<ProblemWorld['as']>[0];

/** GET /problems?q=… (the whole list, paged), by one of the accounts. */
describeEachEngine('problem list text search (q)', (get) => {
  let w: ProblemWorld;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  const create = async (key: string, title: string, description: string, regionCode = '220184') => {
    const body = newProblem(w.campaignId, { title, description, regionCode });
    const res = await w.as('office')('POST', '/problems', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
    codes[key] = res.json().code;
  };

  const search = async (q: string, who: Who = 'office', extra = '') => {
    const res = await w.as(who)('GET', `/problems?limit=200&q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    return res.json().items.map((i: { id: string }) => i.id) as string[];
  };
  const keysOf = (found: string[]) =>
    found.map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? id).sort();

  beforeAll(async () => {
    w = await problemWorld(get());
    await create('ammonia', '公主岭市污水处理厂出水氨氮超标', '在线监测数据存在异常。');
    await create('liaohe', '東遼河流域畜禽養殖污染', '養殖場糞污直(zhí)排入河，沿岸氣味刺鼻。');
    await create('straw', '秸秆露天焚烧', '范家屯镇农田秸秆焚烧，烟尘影响交通。');
    await create('meihekou', '梅河口市污水管网混接', '雨污混接导致污水直排。', '220581');
  });

  it('finds a Chinese substring of the title or the description', async () => {
    expect(keysOf(await search('处理厂出水'))).toEqual(['ammonia']);
    expect(keysOf(await search('烟尘影响'))).toEqual(['straw']);
    expect(keysOf(await search('污水'))).toEqual(['ammonia', 'meihekou']);
    expect(await search('出水超标氨氮')).toEqual([]);
  });

  it('finds simplified text from a traditional query, and traditional text from a simplified one', async () => {
    expect(keysOf(await search('污水處理廠'))).toEqual(['ammonia']);
    expect(keysOf(await search('东辽河'))).toEqual(['liaohe']);
    expect(keysOf(await search('東遼河'))).toEqual(['liaohe']);
    expect(keysOf(await search('气味刺鼻'))).toEqual(['liaohe']);
  });

  it('finds text scraped with pinyin artefacts, and queries typed with them', async () => {
    expect(keysOf(await search('直排入河'))).toEqual(['liaohe']);
    expect(keysOf(await search('直(zhí)排'))).toEqual(['liaohe', 'meihekou']);
  });

  it('takes one character as a prefix of the terms', async () => {
    expect(keysOf(await search('氨'))).toEqual(['ammonia']);
    expect(keysOf(await search('秸'))).toEqual(['straw']);
    expect(keysOf(await search('鼻'))).toEqual(['liaohe']);
  });

  it('finds a problem by its ledger code, in any case', async () => {
    expect(keysOf(await search(codes.straw!))).toEqual(['straw']);
    expect(keysOf(await search(codes.straw!.toLowerCase()))).toEqual(['straw']);
  });

  it('combines with the other filters', async () => {
    expect(keysOf(await search('污水', 'office', '&regionCode=220581'))).toEqual(['meihekou']);
    expect(keysOf(await search('污水', 'office', '&status=registered&regionCode=220100'))).toEqual([
      'ammonia',
    ]);
    expect(await search('污水', 'office', '&status=closed')).toEqual([]);
  });

  it('follows an edit: the old words no longer match, the new ones do', async () => {
    const res = await w.as('office')(
      'POST',
      `/problems/${ids.straw}/edit`,
      { changes: { title: '建筑工地扬尘', description: '渣土车未苫盖。' } },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await search('秸秆')).toEqual([]);
    expect(await search('烟尘')).toEqual([]);
    expect(keysOf(await search('扬尘'))).toEqual(['straw']);
    expect(keysOf(await search('渣土车'))).toEqual(['straw']);
    expect(keysOf(await search(codes.straw!))).toEqual(['straw']);
  });

  it('never returns a problem outside the reader’s scope', async () => {
    // 长春市 sees 公主岭市 (in its subtree), never 梅河口市.
    expect(keysOf(await search('污水', 'city'))).toEqual(['ammonia']);
    expect(await search('混接', 'city')).toEqual([]);
    expect(await search(codes.meihekou!, 'city')).toEqual([]);
    // A unit sees only what it is assigned.
    expect(await search('污水', 'clerk')).toEqual([]);
    const assign = await w.as('office')(
      'POST',
      `/problems/${ids.ammonia}/assign`,
      { leadUnitId: w.units.gzlBureau.id, deadline: '2020-10-31' },
      { 'if-match': '"1"' },
    );
    expect(assign.statusCode, assign.body).toBe(200);
    expect(keysOf(await search('污水', 'clerk'))).toEqual(['ammonia']);
    expect(keysOf(await search('污水', 'mhkClerk'))).toEqual([]);
  });

  it('indexes 举一反三 screening items', async () => {
    const res = await w.as('office')('POST', `/problems/${ids.liaohe}/screening`, {
      regionCodes: ['220302'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [item] = res.json().items ?? res.json();
    ids.screened = item.id;
    expect(keysOf(await search('举一反三 东辽河'))).toEqual(['screened']);
    expect(keysOf(await search(codes.liaohe!))).toEqual(['liaohe', 'screened']);
  });

  it('rolls the index back with the transaction: screening items refused together leave no trace', async () => {
    const before = await search('举一反三');
    // 长春市 may screen into 朝阳区 (its own) but not 梅河口市: the first item is written, then undone.
    const res = await w.as('city')('POST', `/problems/${ids.ammonia}/screening`, {
      regionCodes: ['220102', '220581'],
      title: '【举一反三】污水处理厂在线监测排查',
    });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await search('在线监测排查')).toEqual([]);
    expect(await search('举一反三')).toEqual(before);
  });

  it('pages a search by deadline then id, as the list does', async () => {
    for (let i = 0; i < 5; i++) await create(`dust${i}`, `道路扬尘第${i}段`, '洒水不及时');
    const all = await search('扬尘');
    expect(keysOf(all)).toEqual(['dust0', 'dust1', 'dust2', 'dust3', 'dust4', 'straw']);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/problems?limit=2&q=${encodeURIComponent('扬尘')}${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await w.as('office')('GET', url)).json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      paged.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    // The order is the list's own: the same ids in the same order as unfiltered, restricted.
    const unfiltered = (await w.as('office')('GET', '/problems?limit=200'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(all).toEqual(unfiltered.filter((id: string) => all.includes(id)));
  });

  it('returns the same pages from the matches and walking the list, for rare and common words', async () => {
    afterEach(() => {
      searchPlanning.override = undefined;
    });
    for (let i = 0; i < 4; i++) await create(`wall${i}`, `长春市围墙扬尘第${i}处`, '洒水不及时', '220102');
    const pages = async (q: string, who: Who, extra: string) => {
      const out: string[][] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/problems?limit=2&q=${encodeURIComponent(q)}${extra}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await w.as(who)('GET', url);
        expect(res.statusCode, res.body).toBe(200);
        out.push(res.json().items.map((i: { id: string }) => i.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return out;
    };
    const cases: [string, Who, string][] = [
      ['扬尘', 'office', ''],
      ['扬尘', 'office', '&regionCode=220100'],
      ['扬尘', 'office', '&regionCode=220102'],
      ['扬尘', 'city', ''],
      ['扬尘', 'office', '&regionCode=220184&status=registered'],
      ['洒水', 'office', '&regionCode=220000'],
      ['污水', 'city', '&regionCode=220184'],
      ['混接', 'office', '&regionCode=220100'],
      ['扬尘', 'clerk', ''],
    ];
    for (const [q, who, extra] of cases) {
      searchPlanning.override = Number.POSITIVE_INFINITY; // always from the matches
      const fromMatches = await pages(q, who, extra);
      searchPlanning.override = 0; // always walking the list's order
      const walking = await pages(q, who, extra);
      searchPlanning.override = 1; // the bounded count decides (more than one match: walk)
      const decided = await pages(q, who, extra);
      searchPlanning.override = undefined;
      expect(walking, `${q} ${who} ${extra}`).toEqual(fromMatches);
      expect(decided, `${q} ${who} ${extra}`).toEqual(fromMatches);
      expect(await pages(q, who, extra)).toEqual(fromMatches);
    }
    // The region narrows by the index's region terms and by the rows' columns alike.
    expect(keysOf((await pages('扬尘', 'office', '&regionCode=220102')).flat())).toEqual([
      'wall0',
      'wall1',
      'wall2',
      'wall3',
    ]);
    expect(await search('扬尘', 'office', '&regionCode=220581')).toEqual([]);
  });

  it('answers hostile queries with 200 and what they really match, never an error', async () => {
    // Punctuation is not searchable: around words it changes nothing.
    const punctuation = ['"', "'", '*', '(', ':', '&', '|', '!', '\\', '%', '_', '^', '-', '+'];
    for (const h of punctuation) {
      expect(keysOf(await search(`氨氮${h}`)), h).toEqual(['ammonia']);
      expect(keysOf(await search(`${h}氨氮${h}超标${h}`)), h).toEqual(['ammonia']);
    }
    // Operators of either engine are words like any other: every word must match.
    for (const q of [
      'OR',
      'NEAR(',
      'AND',
      'NOT',
      '氨氮 OR 秸秆',
      'NEAR(氨氮 超标)',
      '氨氮 AND 超标',
      '氨氮OR',
    ]) {
      expect(await search(q), q).toEqual([]);
    }
    expect(await search('"*" OR ""')).toEqual([]);
  });

  it('refuses a query with nothing to search for, or of the wrong length, naming the field', async () => {
    for (const q of ['"', "'", '*', ':', '&', '|', '!', '\\', '%', '_', '。，！', ' ', '"*" "" ()']) {
      const res = await w.as('office')('GET', `/problems?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([
        { field: 'q', message: { zh: expect.any(String), en: expect.any(String) } },
      ]);
    }
    for (const q of ['', '河'.repeat(101)]) {
      const res = await w.as('office')('GET', `/problems?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      // The schema's check, named as every schema error of a query string is.
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.q']);
    }
    expect((await w.as('office')('GET', `/problems?q=${'河'.repeat(100)}`)).statusCode).toBe(200);
  });
});
