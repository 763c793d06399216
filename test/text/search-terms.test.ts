import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { normaliseText, PINYIN_ARTEFACT } from '../../src/text/normalise.js';
import {
  complaintSearchDocument,
  problemSearchDocument,
  REGION_MARK,
  regionTerms,
} from '../../src/text/search-documents.js';
import { searchQuery, searchTerms } from '../../src/text/search-terms.js';

describe('normaliseText', () => {
  it('folds full-width forms, simplifies traditional characters and drops pinyin artefacts', () => {
    expect(normaliseText('聯(lián)繫河北省環境保護督察組　ＡＢＣ１２３')).toBe(
      '联系河北省环境保护督察组 ABC123',
    );
    expect(normaliseText('吉林省生态环境厅联（lián）合开展')).toBe('吉林省生态环境厅联合开展');
  });
  it('leaves ordinary parentheses alone', () => {
    expect(normaliseText('长春市(含公主岭市)')).toBe('长春市(含公主岭市)');
  });
});

describe('normaliseText skips OpenCC only where OpenCC would change nothing', () => {
  const convert = OpenCC.Converter({ from: 't', to: 'cn' });
  // The reference: the same steps, OpenCC's pass always taken.
  const always = (t: string) =>
    convert(t.normalize('NFKC').replace(PINYIN_ARTEFACT, '$1')).replace(/\s+/gu, ' ').trim();
  it('for every Han character of the BMP, alone and in simplified text', () => {
    for (const [from, to] of [
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xf900, 0xfaff],
    ] as const) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        for (const text of [ch, `河道${ch}垃圾`]) expect(normaliseText(text), text).toBe(always(text));
      }
    }
  });
  it('for every phrase of its tables, alone and in simplified text', () => {
    const phrases = OpenCC.Locale.to
      .cn!.flat()
      .flatMap((dict: OpenCC.DictLike) =>
        typeof dict === 'string'
          ? dict.split('|').map((e) => e.split(' ')[0]!)
          : dict.map((e: readonly [string, string]) => e[0]),
      );
    expect(phrases.length).toBeGreaterThan(1000);
    for (const p of phrases)
      for (const text of [p, `夜间${p}偷排`]) expect(normaliseText(text), text).toBe(always(text));
  });
});

describe('searchTerms', () => {
  it('turns Han runs into bigrams and their last character, words into lower case', () => {
    expect(searchTerms('河道垃圾', 'JL-2026')).toEqual(['河道', '道垃', '垃圾', '圾', 'jl', '2026']);
  });
  it('keeps each term once, and a one-character run as itself', () => {
    expect(searchTerms('臭 臭气 臭气')).toEqual(['臭', '臭气', '气']);
  });
  it('indexes traditional text as simplified', () => {
    expect(searchTerms('臭氣')).toEqual(['臭气', '气']);
  });
  it('ends a word of letters and digits where Han characters begin', () => {
    expect(searchTerms('COD超标排放，PM2.5')).toEqual(['cod', '超标', '标排', '排放', '放', 'pm2', '5']);
    expect(searchQuery('COD超标')?.terms.map((t) => t.term)).toEqual(['cod', '超标']);
  });
  it('splits runs with characters beyond the BMP by character', () => {
    expect(searchTerms('二𫫇英')).toEqual(['二𫫇', '𫫇英', '英']);
  });
});

describe('searchQuery', () => {
  it('asks for every bigram, and a lone character or a word as a prefix', () => {
    expect(searchQuery('生活垃圾 河 JL')?.terms).toEqual([
      { term: '生活', prefix: false },
      { term: '活垃', prefix: false },
      { term: '垃圾', prefix: false },
      { term: '河', prefix: true },
      { term: 'jl', prefix: true },
    ]);
  });
  it('has nothing to ask for punctuation alone', () => {
    expect(searchQuery('，。！')).toBeUndefined();
  });
  it('finds every substring of two or more characters among the document terms', () => {
    const doc = new Set(searchTerms('某化工厂夜间偷排废水'));
    for (const q of ['化工', '夜间偷排', '废水', '工厂夜']) {
      expect(searchQuery(q)?.terms.every((t) => doc.has(t.term))).toBe(true);
    }
  });
});

describe('search documents', () => {
  const region = {
    region_code: '220102',
    province_code: '220000',
    city_code: '220100',
    county_code: '220102',
  };
  it('index a problem by code, title and description, then its region codes', () => {
    expect(problemSearchDocument({ code: 'JL-1', title: '河道', description: '垃圾' }, region)).toBe(
      'jl 1 河道 道 垃圾 圾 §220000 §220100 §220102',
    );
  });
  it('index a complaint by tracking code, content and place, nothing else, then its region codes', () => {
    expect(
      complaintSearchDocument(
        { trackingCode: 'T9', content: '噪声', place: '东风村' },
        { region_code: '110000', province_code: '110000', city_code: null, county_code: null },
      ),
    ).toBe('t9 噪声 声 东风 风村 村 §110000');
  });
  it('never produce a region term from a query, not even as a prefix', () => {
    for (const q of ['§220000', '220000', '§', '§2', 'x§220000']) {
      for (const t of searchQuery(q)?.terms ?? []) expect(t.term.startsWith(REGION_MARK)).toBe(false);
    }
    expect(regionTerms(region)).toEqual(['§220000', '§220100', '§220102']);
  });
});
