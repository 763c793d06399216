import type { ColumnType, Generated } from 'kysely';

/** Tables of the text-search index (migration 2026-12-04-0008-search; src/db/search.ts). */
export interface SearchTables {
  /** One document per record: its integer id is the FTS5 rowid on SQLite. */
  search_docs: {
    doc_id: Generated<number>;
    kind: 'problem' | 'complaint';
    ref_id: string;
    /** PostgreSQL only: the document's terms as a tsvector (written as an expression). */
    terms: ColumnType<string, string | undefined, string>;
  };
  /** SQLite only: the contentless FTS5 table (rowid = search_docs.doc_id). */
  search_terms: {
    rowid: number;
    terms: string;
  };
}
