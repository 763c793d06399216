import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerProblem } from '../../src/core/problem.register.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrator.js';
import { together } from '../../src/db/one-statement.js';
import { problemColumns } from '../../src/db/problem.repository.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import type { ComplaintRow } from '../../src/db/schema.complaints.js';
import type { DB } from '../../src/db/schema.js';
import {
  ftsQuery,
  inRegions,
  matchingIds,
  problemSearchWrites,
  searchDocWrites,
  tsQuery,
} from '../../src/db/search.js';
import type { SearchKind } from '../../src/text/search-documents.js';
import { type SearchQuery, searchQuery, searchTerms, termsMatch } from '../../src/text/search-terms.js';
import { describeEachEngine } from '../support/engines.js';

const idsOf = async (db: Kysely<DB>, kind: SearchKind, query: SearchQuery) =>
  (await matchingIds(db, kind, query).execute()).map((r) => r.ref_id).sort();
const find = (db: Kysely<DB>, kind: SearchKind, q: string) => idsOf(db, kind, searchQuery(q)!);
const index = (db: Kysely<DB>, kind: SearchKind, id: string, ...texts: string[]) =>
  together(db, {}, searchDocWrites(db, kind, id, searchTerms(...texts).join(' ')));

describe('query syntax', () => {
  const q = (...terms: [string, boolean][]): SearchQuery => ({
    terms: terms.map(([term, prefix]) => ({ term, prefix })),
  });
  it('quotes every FTS5 term, doubling quotes, and ANDs them', () => {
    expect(ftsQuery(q(['垃圾', false], ['河', true]))).toBe('"垃圾" AND "河"*');
    expect(ftsQuery(q(['a"b', false]))).toBe('"a""b"');
  });
  it('quotes every tsquery lexeme, doubling quotes and backslashes, and ANDs them', () => {
    expect(tsQuery(q(['垃圾', false], ['河', true]))).toBe("'垃圾' & '河':*");
    expect(tsQuery(q(["a'b\\", false]))).toBe("'a''b\\\\'");
  });
});

describeEachEngine('search index', (get) => {
  let db: Kysely<DB>;
  beforeAll(async () => {
    db = get().db;
    await index(db, 'problem', 'p1', 'JL-2020-0042', '河道垃圾清理不及时', '');
    await index(db, 'problem', 'p2', 'JL-2020-0043', '污水处理厂出水超标', '河道沿岸');
    await index(db, 'complaint', 'c1', 'JB20200803-7K3M9Q2XWD', '河道垃圾成堆', '范家屯镇');
  });

  it('finds the records holding every bigram of a query, of one kind only', async () => {
    expect(await find(db, 'problem', '河道垃圾')).toEqual(['p1']);
    expect(await find(db, 'problem', '河道')).toEqual(['p1', 'p2']);
    expect(await find(db, 'complaint', '垃圾')).toEqual(['c1']);
    expect(await find(db, 'problem', '垃圾成堆')).toEqual([]);
  });

  it('matches a lone character and a word as prefixes', async () => {
    expect(await find(db, 'problem', '圾')).toEqual(['p1']);
    expect(await find(db, 'problem', '污')).toEqual(['p2']);
    expect(await find(db, 'problem', 'jl-2020-004')).toEqual(['p1', 'p2']);
    expect(await find(db, 'problem', 'JL-2020-0042')).toEqual(['p1']);
    expect(await find(db, 'complaint', 'jb20200803-7k3m')).toEqual(['c1']);
  });

  it('replaces a document: the old words no longer match, the new ones do', async () => {
    await index(db, 'problem', 'p3', 'JL-2020-0044', '秸秆焚烧', '');
    await index(db, 'problem', 'p3', 'JL-2020-0044', '扬尘污染', '');
    expect(await find(db, 'problem', '秸秆')).toEqual([]);
    expect(await find(db, 'problem', '扬尘')).toEqual(['p3']);
  });

  it('rewrites a problem’s document when its text or its region changes, not otherwise', () => {
    const text = { id: 'p9', code: 'JL-2020-0049', title: '河道垃圾', description: '' };
    const here = {
      region_code: '220184',
      province_code: '220000',
      city_code: '220100',
      county_code: '220184',
    };
    const there = {
      region_code: '220581',
      province_code: '220000',
      city_code: '220500',
      county_code: '220581',
    };
    expect(problemSearchWrites(db, { text, region: here }, { text, region: here })).toEqual([]);
    expect(problemSearchWrites(db, { text, region: here }, { text, region: there }).length).toBeGreaterThan(
      0,
    );
    expect(
      problemSearchWrites(db, { text, region: here }, { text: { ...text, title: '河道' }, region: here })
        .length,
    ).toBeGreaterThan(0);
  });

  it('checks a row’s own terms exactly as the index answers (the complaints’ walk)', async () => {
    const docs: Record<string, string[]> = {
      k1: ['JB20200805-AAAA', '東遼河養殖場糞污直排入河', '公主嶺市'],
      k2: ['JB20200806-BBBB', '河道垃圾成堆，ＰＭ２.５超标', '范家屯镇'],
      k3: ['JB20200807-CCCC', '夜间施工噪声', 'Fanjiatun 工地'],
    };
    for (const [id, texts] of Object.entries(docs)) await index(db, 'complaint', id, ...texts);
    const queries = [
      '东辽河',
      '河',
      '直排入河',
      '养殖',
      'pm2',
      'ＰＭ２',
      'fanjia',
      '工地噪声',
      '垃圾 河道',
      'jb2020080',
      '岭',
    ];
    let found = 0;
    for (const q of queries) {
      const query = searchQuery(q)!;
      const checked = Object.entries(docs)
        .filter(([, texts]) => termsMatch(searchTerms(...texts), query))
        .map(([id]) => id)
        .sort();
      const indexed = (await idsOf(db, 'complaint', query)).filter((id) => id.startsWith('k'));
      expect(checked, q).toEqual(indexed);
      found += checked.length;
    }
    expect(found).toBeGreaterThanOrEqual(queries.length);
  });

  it('passes terms no tokenizer would make safely to the engine', async () => {
    const hostile = ['"', "'", '*', 'OR', 'NEAR(', ':', '&', '|', '!', '\\', '%', '_', '") OR ("', "':* | '"];
    for (const term of hostile) {
      for (const prefix of [false, true]) {
        expect(await idsOf(db, 'problem', { terms: [{ term, prefix }] }), term).toEqual([]);
      }
    }
    // A region term is not reachable from a query, not even as a prefix of '§'.
    expect(searchQuery('§220000')?.terms).toEqual([{ term: '220000', prefix: true }]);
    // Letters JavaScript and SQLite's unicode61 tables disagree on (one token either way here).
    expect(await find(db, 'problem', 'aᦰb 河道')).toEqual([]);
  });
});

describeEachEngine(
  "migrations 0008 to 0010: the search index built and rebuilt, the complaints' search text",
  (get) => {
    it('indexes the problems and complaints that existed before it', async () => {
      const db = get().db;
      await migrateTo(db, '2026-11-25-0007-count-stamps');
      await seedReferenceData(db, { provinces: ['220000'], towns: false });
      const region = { province_code: '220000', city_code: '220100', county_code: '220184' };
      const at = '2020-08-03T02:00:00.000Z';
      const { next } = registerProblem(
        {
          id: '0190b8a0-0000-7000-8000-000000000001',
          code: 'JL-2020-0007',
          title: '東遼河流域畜禽養殖污染',
          description: '養殖場糞污直排(pái)入河',
          source: 'provincial_look_back',
          areas: ['water'],
          regionCode: '220184',
        },
        { now: at, actor: { userId: '0190b8a0-0000-7000-8000-0000000000aa' } },
      );
      await db
        .insertInto('problems')
        .values(problemColumns(next, region, false))
        .execute();
      await db
        .insertInto('complaints')
        .values(complaint(at) as ComplaintRow)
        .execute();
      await migrateTo(db, '2026-12-04-0008-search');
      expect(await find(db, 'problem', '东辽河')).toEqual([next.id]);
      expect(await find(db, 'problem', '直排')).toEqual([next.id]);
      expect(await find(db, 'problem', 'JL-2020-0007')).toEqual([next.id]);
      expect(await find(db, 'complaint', '砖厂 冒黑烟')).toEqual(['0190b8a0-0000-7000-8000-0000000000c1']);
      expect(await find(db, 'complaint', '东风村')).toEqual(['0190b8a0-0000-7000-8000-0000000000c1']);
      expect(await find(db, 'problem', '砖厂')).toEqual([]);
      // With the region's terms: found within its province, city and county, not elsewhere.
      const inRegion = (kind: SearchKind, q: string, code: string) =>
        idsOf(db, kind, inRegions(searchQuery(q)!, [code]));
      for (const code of ['220000', '220100', '220184']) {
        expect(await inRegion('problem', '东辽河', code), code).toEqual([next.id]);
        expect(await inRegion('complaint', '东风村', code), code).toEqual([
          '0190b8a0-0000-7000-8000-0000000000c1',
        ]);
      }
      expect(await inRegion('problem', '东辽河', '220581')).toEqual([]);
      expect(await inRegion('complaint', '东风村', '210000')).toEqual([]);
    });

    it('0009 writes every document again by the current rules (a word stops at a Han character)', async () => {
      const db = get().db;
      const c2 = { ...complaint('2020-08-04T02:00:00.000Z'), id: '0190b8a0-0000-7000-8000-0000000000c2' };
      await db
        .insertInto('complaints')
        .values({
          ...c2,
          tracking_code: 'JB20200804-7K3M9Q2XWE',
          content: '化工厂COD超标排放',
        } as ComplaintRow)
        .execute();
      // Its document by the older rule, which took `cod超标排放` as one word.
      await together(
        db,
        {},
        searchDocWrites(db, 'complaint', c2.id, 'jb20200804 7k3m9q2xwe 化工 工厂 厂cod超标排放 §220000'),
      );
      expect(await find(db, 'complaint', '超标')).toEqual([]);
      await migrateToLatest(db);
      expect(await find(db, 'complaint', '超标')).toEqual([c2.id]);
      expect(await find(db, 'complaint', 'cod')).toEqual([c2.id]);
      expect(await find(db, 'problem', '东辽河')).toHaveLength(1);
      expect(await find(db, 'complaint', '冒黑烟')).toEqual(['0190b8a0-0000-7000-8000-0000000000c1']);
      const docs = await db
        .selectFrom('search_docs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(docs.n)).toBe(3);
    });

    it("0010 keeps each complaint's texts on its row as search reads them", async () => {
      const rows = await get()
        .db.selectFrom('complaints')
        .select(['id', 'search_text'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        {
          id: '0190b8a0-0000-7000-8000-0000000000c1',
          search_text: 'jb20200803-7k3m9q2xwd\n砖厂夜间冒黑烟\n公主岭市范家屯镇东风村',
        },
        {
          id: '0190b8a0-0000-7000-8000-0000000000c2',
          search_text: 'jb20200804-7k3m9q2xwe\n化工厂cod超标排放\n公主岭市范家屯镇东风村',
        },
      ]);
    });
  },
  { migrate: false },
);

// A complaint row as it was before migration 0010 (no search_text).
const complaint = (at: string): Omit<ComplaintRow, 'search_text'> => ({
  id: '0190b8a0-0000-7000-8000-0000000000c1',
  tracking_code: 'JB20200803-7K3M9Q2XWD',
  channel: 'web',
  content: '砖厂夜间冒黑烟',
  place: '公主岭市范家屯镇东风村',
  pollution_type: 'air',
  region_code: '220184',
  province_code: '220000',
  city_code: '220100',
  county_code: '220184',
  campaign_id: null,
  confidentiality: 'confidential',
  anonymous: 1,
  status: 'received',
  received_on: '2020-08-03',
  answer_due_on: '2020-08-13',
  routed_unit_id: null,
  finding: null,
  result: null,
  accountability: null,
  problem_id: null,
  repeat_of_id: null,
  public_content: null,
  public_result: null,
  disclosed_at: null,
  illustrative: 0,
  version: 1,
  created_at: at,
  updated_at: at,
});
