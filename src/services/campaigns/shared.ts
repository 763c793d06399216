import type { Kysely } from 'kysely';
import { DomainError, type FieldError, fieldError } from '../../core/errors.js';
import type { Label } from '../../core/vocabulary.js';
import { isIsoDate } from '../../core/working-days.js';
import { canonicalJson } from '../../db/canonical-json.js';
import { appendEvent, type NewEvent } from '../../db/event.repository.js';
import type { DB, RegionRow } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { adminAncestors } from '../regions.service.js';
import { requireTerms } from '../vocabulary.service.js';

export const CAMPAIGN: Label = { zh: '专项行动', en: 'Campaign' };
export const WORK_GROUP: Label = { zh: '工作组', en: 'Work group' };
export const SITE_VISIT: Label = { zh: '督导记录', en: 'Site visit' };

export const versionConflict = (what: Label) =>
  new DomainError('VERSION_CONFLICT', {
    zh: `${what.zh}已被他人修改，请刷新后重试`,
    en: `${what.en} was changed by someone else; reload and retry`,
  });

/** A region as resources show it: code and name, so clients need no second lookup. */
export interface RegionRef {
  code: string;
  name: string;
  level: string;
}

export const regionRef = (r: Pick<RegionRow, 'code' | 'name' | 'level'>): RegionRef => ({
  code: r.code,
  name: r.name,
  level: r.level,
});

/** Appends one event stamped `now`; call inside the transaction that changed the row. */
export async function recordEvent(
  ctx: ServiceContext,
  now: string,
  e: Omit<NewEvent, 'id' | 'occurredAt'>,
): Promise<void> {
  await appendEvent(ctx.db, { ...e, id: ctx.newId(), occurredAt: now });
}

/** True when the compare-and-set touched exactly one row (pg counts are bigint). */
export const casSucceeded = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) === 1;

export const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The rows of the given region codes, keyed by code (unknown codes are simply absent). */
export async function regionRows(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, RegionRow>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('regions').selectAll().where('code', 'in', unique(codes)).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** The region itself and its administrative ancestors: what "inside a region" means for supervision. */
export const adminChain = (r: RegionRow): string[] => [r.code, ...adminAncestors(r)];

export const isWithin = (r: RegionRow, roots: ReadonlySet<string>): boolean =>
  adminChain(r).some((c) => roots.has(c));

export function dateErrors(field: string, value: string | undefined): FieldError[] {
  return isIsoDate(value)
    ? []
    : [fieldError(field, '日期无效（应为 YYYY-MM-DD）', 'must be a real date YYYY-MM-DD')];
}

/** requireTerms, but returning its field errors so they join the others in one 400. */
export async function termErrors(
  ctx: ServiceContext,
  field: string,
  kind: string,
  codes: readonly string[] | undefined,
) {
  try {
    await requireTerms(
      ctx,
      (codes ?? []).map((code, i) => ({ field: `${field}.${i}`, kind, code })),
    );
    return [];
  } catch (err) {
    if (err instanceof DomainError && err.code === 'VALIDATION_FAILED') return err.fields;
    throw err;
  }
}

// Keyset paging is shared with other resources; re-exported for this module's callers.
export { decodeCursor, encodeCursor, pageLimit } from '../../db/keyset.js';

// Lists of codes and ids are sets here: reordering them is not a change.
const comparable = (v: unknown) => canonicalJson(Array.isArray(v) ? [...v].sort() : v);

/** The fields whose value actually changes; a PATCH that changes nothing bumps nothing. */
export function changedFields<T extends object>(current: T, next: T): Partial<T> {
  const keys = Object.keys(next) as (keyof T)[];
  return Object.fromEntries(
    keys.filter((k) => comparable(current[k]) !== comparable(next[k])).map((k) => [k, next[k]]),
  ) as Partial<T>;
}
