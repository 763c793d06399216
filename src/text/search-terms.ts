import { normaliseText } from './normalise.js';

/*
 * What the search index holds and what a query asks for, the same on both engines
 * (ARCHITECTURE.md, Search): Chinese has no spaces, so a run of Han characters becomes its
 * overlapping bigrams (河道垃圾 → 河道 道垃 垃圾) and its last character alone (圾); letters and
 * digits become lower-case words. Every character of a run starts a bigram or is the last one,
 * so a one-character query is a prefix match (`圾*`) and a longer one is the AND of its bigrams.
 */

// A word is letters and digits other than Han characters: `COD超标` is `cod` and a Han run.
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/**
 * A text as search reads it: normalised and in lower case. Documents, queries, the row check
 * (text-match.ts) and a complaint's kept text (search-documents.ts) all start from this form.
 */
export const searchForm = (text: string): string => normaliseText(text).toLowerCase();

/** A document's distinct terms, in order of first appearance. */
export function searchTerms(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (text) addTerms(searchForm(text), out);
  }
  return [...out];
}

function addTerms(text: string, out: Set<string>): void {
  for (const m of text.matchAll(RUN)) {
    const han = m[1];
    if (han) {
      // Han characters outside the BMP take two code units: those runs are split by code point.
      if (SURROGATE.test(han)) {
        const chars = [...han];
        for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
        out.add(chars[chars.length - 1]!);
      } else {
        for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
        out.add(han.slice(-1));
      }
    } else if (m[2]) out.add(m[2]);
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** A query: every term must match; `prefix` terms match any term they begin. */
export interface SearchQuery {
  terms: { term: string; prefix: boolean }[];
}

/**
 * A user's query in index terms: Han runs of two or more characters as their bigrams, a lone
 * Han character as a prefix, words as prefixes (so `jl` finds `jl2026`). Undefined when the
 * query has nothing searchable (only punctuation, say).
 */
export function searchQuery(q: string): SearchQuery | undefined {
  const terms = new Map<string, boolean>();
  for (const m of searchForm(q).matchAll(RUN)) {
    const han = m[1];
    if (han) {
      const chars = [...han];
      if (chars.length === 1) terms.set(chars[0]!, true);
      for (let i = 0; i + 1 < chars.length; i++) terms.set(chars[i]! + chars[i + 1]!, false);
    } else if (m[2]) terms.set(m[2], true);
  }
  return terms.size ? { terms: [...terms].map(([term, prefix]) => ({ term, prefix })) } : undefined;
}

/**
 * Whether a document's terms answer a query as the index would: every term present, a prefix
 * term beginning one of them. The reference a row check answers as (text-match.ts textMatcher).
 */
export function termsMatch(doc: readonly string[], q: SearchQuery): boolean {
  return q.terms.every(({ term, prefix }) =>
    prefix ? doc.some((t) => t.startsWith(term)) : doc.includes(term),
  );
}

/** The space-separated form both engines index (FTS5's `ascii` tokenizer and PostgreSQL's array_to_tsvector). */
export const searchDocument = (terms: readonly string[]): string => terms.join(' ');
