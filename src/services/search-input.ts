import { fieldError, invalid } from '../core/errors.js';
import { type SearchQuery, searchQuery } from '../text/search-terms.js';

/** The longest text search a list takes, in characters (the HTTP schemas say the same). */
export const MAX_QUERY_LENGTH = 100;

/**
 * A list's `q` as index terms. A query of the wrong length, or with nothing searchable in it
 * (only punctuation, say), is a validation error naming the field, never an empty list.
 */
export function parseSearch(q: string | undefined, field = 'q'): SearchQuery | undefined {
  if (q === undefined) return undefined;
  const length = [...q].length;
  if (length < 1 || length > MAX_QUERY_LENGTH)
    throw invalid([
      fieldError(
        field,
        `搜索词长度应为 1–${MAX_QUERY_LENGTH} 个字符`,
        `Must be 1–${MAX_QUERY_LENGTH} characters`,
      ),
    ]);
  const query = searchQuery(q);
  if (!query)
    throw invalid([
      fieldError(
        field,
        '搜索词须包含汉字、字母或数字',
        'Nothing to search for: use Chinese characters, letters or digits',
      ),
    ]);
  return query;
}
