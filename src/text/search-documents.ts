import { searchDocument, searchForm, searchTerms } from './search-terms.js';

/*
 * Which words of a record are searchable: one definition for the writes, the migration's
 * backfill and the benchmark generator. A complainant's name and contact are never indexed
 * (they are not readable outside the handler role, so a search must not reveal them).
 *
 * A document also holds the record's region codes as marker terms (`§220102`), so that a
 * search within a region asks the index for the region's matches only (docs/search.md,
 * decision 0011). A query never produces one: its terms are runs of letters, digits or Han
 * characters (search-terms.ts), and `§` is none of those, so not even a prefix reaches them.
 */

/** Where a record is: its own region and the province, city and county columns of its row. */
export interface SearchRegion {
  region_code: string;
  province_code: string;
  city_code: string | null;
  county_code: string | null;
}

/** The marker that starts a region term: never a letter, a digit or a Han character. */
export const REGION_MARK = '§';

/** The index term of a region code (its subtree, whichever column holds the code). */
export const regionTerm = (code: string): string => `${REGION_MARK}${code}`;

/** A record's region terms: each distinct code of its region columns. */
export function regionTerms(r: SearchRegion): string[] {
  const codes = [r.province_code, r.city_code, r.county_code, r.region_code];
  return [...new Set(codes.filter((c): c is string => Boolean(c)))].map(regionTerm);
}

/** Whether two placings give the same region terms (a re-routed record needs a new document). */
export const sameRegion = (a: SearchRegion, b: SearchRegion): boolean =>
  a.region_code === b.region_code &&
  a.province_code === b.province_code &&
  a.city_code === b.city_code &&
  a.county_code === b.county_code;

/** A problem: its ledger code, title and description, and its region. */
export const problemSearchDocument = (
  p: { code: string; title: string; description: string },
  region: SearchRegion,
): string => searchDocument([...searchTerms(p.code, p.title, p.description), ...regionTerms(region)]);

/** A complaint: its tracking code, what was reported and where, and its region. */
export const complaintSearchDocument = (
  c: { trackingCode: string; content: string; place: string },
  region: SearchRegion,
): string => searchDocument([...searchTerms(c.trackingCode, c.content, c.place), ...regionTerms(region)]);

/**
 * A complaint's searchable texts in the form its search terms are made from (searchForm), one
 * per line: kept on its row (complaints.search_text) so that a list can test a query's words in
 * SQL while it walks the rows (text-match.ts requiredSubstrings). A line break is neither a
 * letter, a digit nor a Han character, so no word or bigram of a document spans two texts.
 */
export const complaintSearchText = (c: { trackingCode: string; content: string; place: string }): string =>
  [c.trackingCode, c.content, c.place].map(searchForm).join('\n');

/** The kinds of record in the one search index. */
export type SearchKind = 'problem' | 'complaint';
