import { searchDocument, searchTerms } from './search-terms.js';

/*
 * Which words of a record are searchable: one definition for the writes, the migration's
 * backfill and the benchmark generator. A complainant's name and contact are never indexed
 * (they are not readable outside the handler role, so a search must not reveal them).
 */

/** A problem: its ledger code, title and description. */
export const problemSearchDocument = (p: { code: string; title: string; description: string }): string =>
  searchDocument(searchTerms(p.code, p.title, p.description));

/** A complaint: its tracking code, what was reported and where. */
export const complaintSearchDocument = (c: {
  trackingCode: string;
  content: string;
  place: string;
}): string => searchDocument(searchTerms(c.trackingCode, c.content, c.place));

/** The kinds of record in the one search index. */
export type SearchKind = 'problem' | 'complaint';
