import { type Kysely, sql } from 'kysely';
import { compiledOnce } from './compiled-statements.js';
import { keyColumnOf } from './problem.repository.js';
import type { DB, ProblemRow } from './schema.js';

/** Where a problem sits (for the scope check), its version, and its state unless the caller has it. */
export type ProblemHead = Pick<
  ProblemRow,
  | 'id'
  | 'version'
  | 'region_code'
  | 'province_code'
  | 'city_code'
  | 'county_code'
  | 'campaign_id'
  | 'lead_unit_id'
> & {
  /** The stored state (JSON), or null when its version is the one the caller already holds. */
  state: string | null;
};

/**
 * A problem by id or ledger code for reading, without its 2 KB state when the stored version is
 * `knownVersion`: every column of a row follows from its state (and the state carries the
 * version, bumped by every write), so a caller holding the state of that version has the rest.
 * One statement either way, compiled once.
 */
export async function findProblemHead(
  db: Kysely<DB>,
  idOrCode: string,
  knownVersion: number | null,
): Promise<ProblemHead | undefined> {
  const column = keyColumnOf(idOrCode);
  const lookup = compiledOnce(db, `problem-head-by-${column}`, () => {
    const q = db
      .selectFrom('problems')
      .select([
        'id',
        'version',
        'region_code',
        'province_code',
        'city_code',
        'county_code',
        'campaign_id',
        'lead_unit_id',
        sql<string | null>`case when version = ${-1} then null else state end`.as('state'),
      ])
      .where(column, '=', '')
      .compile();
    // The known version comes first (in the select list), the key second.
    if (q.parameters.length !== 2) throw new Error('problem head: unexpected parameters');
    return q;
  });
  const { rows } = await db.executeQuery<ProblemHead>({
    ...lookup,
    parameters: [knownVersion ?? -1, idOrCode],
  });
  return rows[0];
}
