import type { Actor } from '../core/actor.js';
import { type FieldError, fieldError, invalid, notFound } from '../core/errors.js';
import { UNIT_KINDS, type UnitKind } from '../core/vocabulary.js';
import type { UnitRow } from '../db/schema.js';
import type { ServiceContext } from './context.js';
import { requireReferenceEditor } from './reference-access.js';
import { findRegionRow } from './regions.service.js';

export interface Unit {
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  regionCode: string;
  parentUnitId: string | null;
  version: number;
}

export interface NewUnit {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  regionCode: string;
  parentUnitId?: string | null;
}

export const presentUnit = (u: UnitRow): Unit => ({
  id: u.id,
  name: u.name,
  shortName: u.short_name,
  kind: u.kind as UnitKind,
  regionCode: u.region_code,
  parentUnitId: u.parent_unit_id,
  version: u.version,
});

const UNIT = { zh: '单位', en: 'Unit' };

export async function createUnit(ctx: ServiceContext, input: NewUnit): Promise<Unit> {
  const errors: FieldError[] = [];
  if (!input.name?.trim()) errors.push(fieldError('name', '请填写单位名称', 'Name is required'));
  if (!UNIT_KINDS.includes(input.kind)) errors.push(fieldError('kind', '单位类型无效', 'Unknown unit kind'));
  if (!(await findRegionRow(ctx.db, input.regionCode))) {
    errors.push(fieldError('regionCode', '行政区划不存在', 'Unknown region code'));
  }
  if (errors.length) throw invalid(errors);
  const row: UnitRow = {
    id: ctx.newId(),
    name: input.name.trim(),
    short_name: input.shortName ?? null,
    kind: input.kind,
    region_code: input.regionCode,
    parent_unit_id: input.parentUnitId ?? null,
    version: 1,
    created_at: ctx.clock.now().toISOString(),
  };
  const clash = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', row.name)
    .where('region_code', '=', row.region_code)
    .executeTakeFirst();
  if (clash)
    throw invalid([fieldError('name', '该地区已有同名单位', 'A unit with this name exists in the region')]);
  await ctx.db.insertInto('units').values(row).execute();
  return presentUnit(row);
}

/** Creates a unit on behalf of a signed-in user: the office or the system administrator. */
export async function createUnitAs(ctx: ServiceContext, actor: Actor, input: NewUnit): Promise<Unit> {
  requireReferenceEditor(actor);
  return createUnit(ctx, input);
}

export async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const row = await ctx.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(UNIT);
  return presentUnit(row);
}

export async function listUnits(
  ctx: ServiceContext,
  filter: { regionCode?: string; kind?: UnitKind; q?: string },
) {
  let q = ctx.db.selectFrom('units').selectAll();
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.q) q = q.where('name', 'like', `%${filter.q.replace(/[\\%_]/g, '')}%`);
  const rows = await q.orderBy('region_code').orderBy('name').limit(500).execute();
  return rows.map(presentUnit);
}

export async function findUnitByName(ctx: ServiceContext, name: string): Promise<Unit | undefined> {
  const row = await ctx.db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? presentUnit(row) : undefined;
}
