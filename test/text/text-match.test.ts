import { describe, expect, it } from 'vitest';
import { complaintSearchText } from '../../src/text/search-documents.js';
import { type SearchQuery, searchQuery, searchTerms, termsMatch } from '../../src/text/search-terms.js';
import { requiredSubstrings, textMatcher } from '../../src/text/text-match.js';

const textsMatch = (texts: string[], extra: string[], q: SearchQuery) => textMatcher(q)(texts, extra);

// Deterministic pseudo-random numbers (a test that differs per run could not be replayed).
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Han (simplified, traditional, beyond the BMP), letters and digits (ASCII, full-width, Greek,
// Turkish İ whose lower case is two code units), punctuation and spaces.
const ALPHABET = [
  ...'河道垃圾填埋场偷排废水超标东辽養殖糞污直排入乾沉',
  '𫫇',
  '𠀀',
  ...'abcCOD0123',
  ...'ＡＢ１２',
  'İ',
  'Ω',
  ...' ，。-.:()',
];

describe('textMatcher', () => {
  const viaDocument = (texts: string[], extra: string[], q: SearchQuery) =>
    termsMatch([...searchTerms(...texts), ...extra], q);

  it('answers as the document would, for random texts and queries', () => {
    const next = rng(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const text = (n: number) => Array.from({ length: n }, () => pick(ALPHABET)).join('');
    let matched = 0;
    let checked = 0;
    let narrowed = 0;
    for (let i = 0; i < 3000; i++) {
      const texts = [text(1 + Math.floor(next() * 30)), text(Math.floor(next() * 12))];
      const extra = ['§220000', '§220100'];
      // Queries from the texts themselves (so that many match) and from anywhere.
      const source = next() < 0.7 ? pick(texts) : text(8);
      const from = Math.floor(next() * source.length);
      const typed = source.slice(from, from + 1 + Math.floor(next() * 5));
      const q = searchQuery(typed);
      if (!q) continue;
      const withRegion = next() < 0.3 ? { terms: [...q.terms, { term: '§220100', prefix: false }] } : q;
      const expected = viaDocument(texts, extra, withRegion);
      expect(textsMatch(texts, extra, withRegion), `${JSON.stringify(texts)} ? ${typed}`).toBe(expected);
      // What SQL tests first is in the kept text of every match (and of some others).
      const kept = complaintSearchText({ trackingCode: texts[0]!, content: texts[1]!, place: '' });
      if (expected) for (const part of requiredSubstrings(withRegion)) expect(kept).toContain(part);
      // And from the kept text, the same answer as from the texts.
      expect(textMatcher(withRegion)(texts, extra, [kept]), `${JSON.stringify(texts)} ? ${typed}`).toBe(
        expected,
      );
      if (requiredSubstrings(withRegion).every((part) => kept.includes(part))) narrowed++;
      checked++;
      if (expected) matched++;
    }
    expect(checked).toBeGreaterThan(2000);
    expect(matched).toBeGreaterThan(checked / 4);
    expect(matched).toBeLessThan(checked);
    // The SQL test alone lets through few that do not match (word boundaries, shapes).
    expect(narrowed).toBeGreaterThanOrEqual(matched);
    expect(narrowed - matched).toBeLessThan(checked / 20);
  });

  it('answers shapes no query makes from the document', () => {
    const texts = ['河道垃圾', 'COD超标'];
    for (const [term, prefix] of [
      ['圾', false],
      ['河', false],
      ['垃圾填', true],
      ['cod', false],
      ['co', false],
      ['§220000', true],
      ['§22', true],
    ] as const) {
      const q = { terms: [{ term, prefix }] };
      expect(textsMatch(texts, ['§220000'], q), term).toBe(viaDocument(texts, ['§220000'], q));
    }
  });
});
