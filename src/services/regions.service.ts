import type { Kysely } from 'kysely';
import type { UnitRef } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import type { RegionLevel } from '../core/vocabulary.js';
import { reusable } from '../db/compiled-statements.js';
import type { DB, RegionRow } from '../db/schema.js';
import type { ServiceContext } from './context.js';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  adminParentCode: string | null;
  directlyAdministered: boolean;
}

export const presentRegion = (r: RegionRow): Region => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentCode: r.parent_code,
  adminParentCode: r.admin_parent_code,
  directlyAdministered: r.directly_administered === 1,
});

const REGION_LABEL = { zh: '行政区划', en: 'Region' };

export async function findRegionRow(db: Kysely<DB>, code: string): Promise<RegionRow | undefined> {
  // Every create and many reads look a region up: compiled once.
  const q = reusable(db, 'region-by-code', { code }, (a) =>
    db.selectFrom('regions').selectAll().where('code', '=', a.code),
  );
  return (await db.executeQuery<RegionRow>(q)).rows[0];
}

/** `findRegionRow` through the process's reference cache (`caches.regions`). */
export function cachedRegionRow(ctx: ServiceContext, code: string): Promise<RegionRow | undefined> {
  return ctx.caches.regions.get(
    code,
    () => findRegionRow(ctx.db, code),
    (r) => r !== undefined,
  );
}

export async function getRegionRow(db: Kysely<DB>, code: string): Promise<RegionRow> {
  const r = await findRegionRow(db, code);
  if (!r) throw notFound(REGION_LABEL);
  return r;
}

/** Administrative ancestors, nearest first (a directly administered county skips its city). */
export function adminAncestors(r: RegionRow): string[] {
  const chain: string[] = [];
  if (r.level === 'town' && r.county_code) chain.push(r.county_code);
  if (r.city_code && r.city_code !== r.code && !chain.includes(r.city_code) && r.level !== 'city')
    chain.push(r.city_code);
  if (r.level !== 'province') chain.push(r.province_code);
  return chain.filter((c) => c !== r.code);
}

export function unitRef(unit: { id: string; kind: string; region_code: string }, region: RegionRow): UnitRef {
  return {
    id: unit.id,
    kind: unit.kind as UnitRef['kind'],
    regionCode: region.code,
    regionLevel: region.level as RegionLevel,
    regionAncestors: adminAncestors(region),
  };
}

export async function getRegion(ctx: ServiceContext, code: string) {
  const row = await getRegionRow(ctx.db, code);
  const codes = adminAncestors(row);
  const rows = codes.length
    ? await ctx.db.selectFrom('regions').selectAll().where('code', 'in', codes).execute()
    : [];
  // Outermost first: province › city › county.
  const ancestors = codes.reverse().flatMap((c) => rows.filter((r) => r.code === c).map(presentRegion));
  return { ...presentRegion(row), ancestors };
}

/** Children in the administrative tree (a province also lists the counties it runs directly). */
export async function listRegionChildren(ctx: ServiceContext, parentCode: string | null): Promise<Region[]> {
  const q = ctx.db.selectFrom('regions').selectAll();
  const rows = await (parentCode === null
    ? q.where('level', '=', 'province')
    : q.where((eb) => eb.or([eb('parent_code', '=', parentCode), eb('admin_parent_code', '=', parentCode)]))
  )
    .orderBy('code')
    .execute();
  return rows.map(presentRegion);
}

export async function searchRegions(ctx: ServiceContext, name: string, limit = 20): Promise<Region[]> {
  const rows = await ctx.db
    .selectFrom('regions')
    .selectAll()
    .where('name', 'like', `%${name.replace(/[\\%_]/g, '')}%`)
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map(presentRegion);
}
