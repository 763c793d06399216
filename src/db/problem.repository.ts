import type { CompiledQuery, Kysely } from 'kysely';
import type { ProblemState } from '../core/problem.types.js';
import { progressReferenceOn } from '../core/warnings.js';
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

export async function insertProblem(trx: Kysely<DB>, row: ProblemRow): Promise<void> {
  await trx.insertInto('problems').values(row).execute();
}

/**
 * Compare-and-set: writes the new projection only if the stored version is still the one
 * the change was decided on. Returns false when someone else changed it first (→ 412).
 */
export async function updateProblemIfVersion(
  trx: Kysely<DB>,
  row: ProblemRow,
  expectedVersion: number,
): Promise<boolean> {
  const { id, province_code, city_code, county_code, illustrative, created_at, ...changed } = row;
  const result = await trx
    .updateTable('problems')
    .set(changed)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findProblemRow(db: Kysely<DB>, idOrCode: string): Promise<ProblemRow | undefined> {
  const column = /^[A-Z]{2}-\d{4}-\d+$/.test(idOrCode) ? 'code' : 'id';
  const { rows } = await db.executeQuery(rowLookup(db, column, idOrCode));
  return rows[0];
}

type RowLookup = CompiledQuery<ProblemRow>;
// Compiled once per database (and per transaction), only the value swapped: every detail and
// every lifecycle action reads a row this way, and Kysely's build and compile cost more than
// SQLite's look-up itself.
const rowLookups = new WeakMap<Kysely<DB>, Partial<Record<'id' | 'code', RowLookup>>>();

function rowLookup(db: Kysely<DB>, column: 'id' | 'code', value: string): RowLookup {
  let compiled = rowLookups.get(db);
  if (!compiled) {
    compiled = {};
    rowLookups.set(db, compiled);
  }
  compiled[column] ??= db.selectFrom('problems').selectAll().where(column, '=', '').compile();
  return { ...compiled[column], parameters: [value] };
}

export const stateOf = (row: Pick<ProblemRow, 'state'>): ProblemState =>
  JSON.parse(row.state) as ProblemState;

/** Keeps the unit index (lead and co-operating units) in step with the projection. */
export async function syncProblemUnits(trx: Kysely<DB>, s: ProblemState): Promise<void> {
  await trx.deleteFrom('problem_units').where('problem_id', '=', s.id).execute();
  const rows = [
    ...(s.leadUnitId ? [{ problem_id: s.id, unit_id: s.leadUnitId, role: 'lead' }] : []),
    ...s.coUnitIds
      .filter((u) => u !== s.leadUnitId)
      .map((u) => ({ problem_id: s.id, unit_id: u, role: 'co' })),
  ];
  if (rows.length) await trx.insertInto('problem_units').values(rows).execute();
}

/** Allocates the next ledger number for a prefix and year (JL-2020-0042 → 42). */
export async function nextLedgerNumber(trx: Kysely<DB>, prefix: string, year: number): Promise<number> {
  const updated = await trx
    .updateTable('ledger_sequences')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('prefix', '=', prefix)
    .where('year', '=', year)
    .returning('last_value')
    .executeTakeFirst();
  if (updated) return updated.last_value;
  await trx
    .insertInto('ledger_sequences')
    .values({ prefix, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['prefix', 'year'])
        .doUpdateSet((eb) => ({ last_value: eb('ledger_sequences.last_value', '+', 1) })),
    )
    .execute();
  const row = await trx
    .selectFrom('ledger_sequences')
    .select('last_value')
    .where('prefix', '=', prefix)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return row.last_value;
}
