import type { Kysely } from 'kysely';
import type { ProblemState } from '../core/problem.types.js';
import { progressReferenceOn } from '../core/warnings.js';
import { compiledOnce, reusable } from './compiled-statements.js';
import type { DB, ProblemRow, RegionRow } from './schema.js';

export const NO_DEADLINE = '9999-12-31';

/** The columns of a problem row, derived from its projection and its region. */
export function problemColumns(
  s: ProblemState,
  region: Pick<RegionRow, 'province_code' | 'city_code' | 'county_code'>,
  illustrative: boolean,
): ProblemRow {
  return {
    id: s.id,
    code: s.code,
    version: s.version,
    status: s.status,
    title: s.title,
    source: s.source,
    area: s.areas[0] ?? 'unknown',
    sub_area: s.subArea,
    problem_kind: s.problemKind,
    campaign_id: s.campaignId,
    work_group_id: s.workGroupId,
    region_code: s.regionCode,
    province_code: region.province_code,
    city_code: region.city_code,
    county_code: region.county_code,
    lead_unit_id: s.leadUnitId,
    deadline: s.deadline,
    due_key: s.deadline ?? NO_DEADLINE,
    plan_due_on: s.planDueOn,
    progress_reference_on: progressReferenceOn(s),
    supervision_level: s.supervision?.level ?? null,
    supervision_deadline: s.supervision?.deadline ?? null,
    notice_ends_on: s.noticeEndsOn,
    complaint_linked: s.complaintLinked ? 1 : 0,
    reopen_count: s.reopenCount,
    origin_id: s.originId,
    duplicate_of_id: s.duplicateOfId,
    illustrative: illustrative ? 1 : 0,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    closed_at: s.closedAt,
    state: JSON.stringify(s),
  };
}

/**
 * Compare-and-set: writes the new projection only if the stored version is still the one
 * the change was decided on. A query to send with others (`together`): no row back → 412.
 */
export function updateIfVersionQuery(trx: Kysely<DB>, row: ProblemRow, expectedVersion: number) {
  const { id, province_code, city_code, county_code, illustrative, created_at, ...changed } = row;
  const args = { ...changed, id, expected_version: expectedVersion };
  return reusable(trx, `problem-cas:${Object.keys(changed).join(',')}`, args, (a) => {
    const { id, expected_version, ...set } = a;
    return trx
      .updateTable('problems')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', expected_version)
      .returning('id');
  });
}

/** Which column an id-or-ledger-code names: `JL-2020-0042` is a code, anything else an id. */
export const keyColumnOf = (idOrCode: string): 'code' | 'id' =>
  /^[A-Z]{2}-\d{4}-\d+$/.test(idOrCode) ? 'code' : 'id';

export async function findProblemRow(db: Kysely<DB>, idOrCode: string): Promise<ProblemRow | undefined> {
  const column = keyColumnOf(idOrCode);
  // Every detail and lifecycle action reads a row this way: compiled once, the value swapped.
  const lookup = compiledOnce(db, `problem-by-${column}`, () =>
    db.selectFrom('problems').selectAll().where(column, '=', '').compile(),
  );
  const { rows } = await db.executeQuery<ProblemRow>({ ...lookup, parameters: [idOrCode] });
  return rows[0];
}

export const stateOf = (row: Pick<ProblemRow, 'state'>): ProblemState =>
  JSON.parse(row.state) as ProblemState;

/** A problem's entries in the unit index (lead and co-operating units), from its projection. */
export function problemUnitRows(s: ProblemState): DB['problem_units'][] {
  const due_key = s.deadline ?? NO_DEADLINE;
  return [
    ...(s.leadUnitId ? [{ problem_id: s.id, unit_id: s.leadUnitId, role: 'lead', due_key }] : []),
    ...s.coUnitIds
      .filter((u) => u !== s.leadUnitId)
      .map((u) => ({ problem_id: s.id, unit_id: u, role: 'co', due_key })),
  ];
}

/** Keeps the unit index (lead and co-operating units) in step with the projection. */
export async function syncProblemUnits(trx: Kysely<DB>, s: ProblemState): Promise<void> {
  await trx.deleteFrom('problem_units').where('problem_id', '=', s.id).execute();
  const rows = problemUnitRows(s);
  if (rows.length) await trx.insertInto('problem_units').values(rows).execute();
}

/**
 * The unit index's deadlines moved with the problem's (an extension, a reassignment's new
 * deadline): none when the due_key stayed, as for most actions.
 */
export function unitDeadlineWrites(trx: Kysely<DB>, before: ProblemRow, after: ProblemRow) {
  if (before.due_key === after.due_key) return [];
  return [
    trx.updateTable('problem_units').set({ due_key: after.due_key }).where('problem_id', '=', after.id),
  ];
}

/**
 * The next ledger number of a prefix and year (JL-2020-0042 → 42), as one upsert returning
 * `last_value`: the row stays locked until the commit on PostgreSQL, so numbers are contiguous
 * in commit order.
 */
export function nextLedgerNumberQuery(trx: Kysely<DB>, prefix: string, year: number) {
  return reusable(trx, 'ledger-next', { prefix, year }, (a) =>
    trx
      .insertInto('ledger_sequences')
      .values({ prefix: a.prefix, year: a.year, last_value: 1 })
      .onConflict((oc) =>
        oc
          .columns(['prefix', 'year'])
          .doUpdateSet((eb) => ({ last_value: eb('ledger_sequences.last_value', '+', 1) })),
      )
      .returning('last_value'),
  );
}
