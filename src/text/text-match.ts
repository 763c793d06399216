import { REGION_MARK } from './search-documents.js';
import { type SearchQuery, searchForm, searchTerms, termsMatch } from './search-terms.js';

/*
 * A query checked against a record's own text, with the answer its indexed document would
 * give (termsMatch over searchTerms(...texts) and the record's other terms), but without making
 * the document: each text is normalised once (or kept normalised) and each term looked for in
 * it. The complaints' search (src/services/complaints/complaint.queries.ts) lets SQL pass over
 * the rows lacking a required substring first (requiredSubstrings) and checks the rest here.
 */

const HAN = /^\p{Script=Han}$/u;
const WORD_CHAR = /^(?:(?!\p{Script=Han})[\p{L}\p{N}])$/u;

type TermShape = 'han' | 'word' | 'other';

/** How a query term can be looked up in normalised text (see textMatcher). */
function shapeOf(term: string, prefix: boolean): TermShape {
  const chars = [...term];
  if (chars.every((c) => HAN.test(c))) {
    // A document's Han terms are its bigrams and each run's last character: a bigram or a
    // one-character prefix is a substring (one character exactly, a run's last, is 'other').
    return chars.length === 2 || (chars.length === 1 && prefix) ? 'han' : 'other';
  }
  return chars.length && chars.every((c) => WORD_CHAR.test(c)) ? 'word' : 'other';
}

/** The character (code point) of `text` that ends at index i; '' at the start. */
function charBefore(text: string, i: number): string {
  if (i === 0) return '';
  const unit = text.charCodeAt(i - 1);
  const low = unit >= 0xdc00 && unit <= 0xdfff && i > 1;
  return String.fromCodePoint(text.codePointAt(low ? i - 2 : i - 1)!);
}

/** The character (code point) of `text` that starts at index i; '' at the end. */
const charAt = (text: string, i: number) =>
  i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '';

/** Whether a word of `text` begins with `term` (and, `whole`, is exactly it). */
function hasWord(text: string, term: string, whole: boolean): boolean {
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    if (WORD_CHAR.test(charBefore(text, i))) continue;
    if (whole && WORD_CHAR.test(charAt(text, i + term.length))) continue;
    return true;
  }
  return false;
}

/**
 * What the normalised texts of every record matching `q` contain (each of them within one
 * text): its Han terms, its words, not its region markers (a list tests those on its columns)
 * nor rare shapes. A necessary test that SQL can make (instr); textMatcher gives the answer.
 */
export function requiredSubstrings(q: SearchQuery): string[] {
  return q.terms
    .filter(({ term, prefix }) => !term.startsWith(REGION_MARK) && shapeOf(term, prefix) !== 'other')
    .map(({ term }) => term);
}

/**
 * A check of texts (with their record's `extra` terms, its region markers) against a query,
 * prepared once per query: the same answer as termsMatch([...searchTerms(...texts), ...extra], q).
 * `normalised`, when the caller holds them, are the texts already normalised and in lower case
 * (or them joined by line breaks: complaintSearchText), so they are not normalised again.
 */
export function textMatcher(
  q: SearchQuery,
): (texts: readonly string[], extra: readonly string[], normalised?: readonly string[]) => boolean {
  const terms = q.terms.map(({ term, prefix }) => ({ term, prefix, shape: shapeOf(term, prefix) }));
  return (texts, extra, normalised) => {
    let normal = normalised;
    for (const { term, prefix, shape } of terms) {
      if (extra.some((e) => (prefix ? e.startsWith(term) : e === term))) continue;
      normal ??= texts.map(searchForm);
      const found =
        shape === 'han'
          ? normal.some((t) => t.includes(term))
          : shape === 'word'
            ? normal.some((t) => hasWord(t, term, !prefix))
            : // Rare shapes (no query makes them): from the document itself.
              termsMatch(searchTerms(...texts), { terms: [{ term, prefix }] });
      if (!found) return false;
    }
    return true;
  };
}
