import type { ServiceContext } from './context.js';

/**
 * Display names of regions and units, shown on every detail and list row: reference data, so
 * cached per process (`caches.names`, keyed `region:CODE` / `unit:ID` / `user:ID`) instead of
 * joined or read per request. Unknown ids are not remembered: reference data may still be loading.
 */
export async function regionNames(
  ctx: ServiceContext,
  codes: Iterable<string>,
): Promise<Map<string, string>> {
  return namesOf(ctx, 'region', codes, async (missing) =>
    ctx.db.selectFrom('regions').select(['code as id', 'name']).where('code', 'in', missing).execute(),
  );
}

export async function unitNames(ctx: ServiceContext, ids: Iterable<string>): Promise<Map<string, string>> {
  return namesOf(ctx, 'unit', ids, async (missing) =>
    ctx.db.selectFrom('units').select(['id', 'name']).where('id', 'in', missing).execute(),
  );
}

/**
 * Display names of users (who acted, on a timeline), cached as the others: a change of name
 * drops its entry in this process (users.service.ts) and reaches the others within the TTL.
 */
export async function userNames(ctx: ServiceContext, ids: Iterable<string>): Promise<Map<string, string>> {
  return namesOf(ctx, 'user', ids, async (missing) =>
    ctx.db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', missing).execute(),
  );
}

/** The cache key of a user's display name (dropped when it changes). */
export const userNameKey = (id: string): string => `user:${id}`;

export async function regionName(ctx: ServiceContext, code: string): Promise<string | null> {
  return (await regionNames(ctx, [code])).get(code) ?? null;
}

export async function unitName(ctx: ServiceContext, id: string): Promise<string | null> {
  return (await unitNames(ctx, [id])).get(id) ?? null;
}

/** A region's or unit's name when the cache has it, without a promise (undefined: ask the above). */
export const cachedRegionName = (ctx: ServiceContext, code: string): string | undefined =>
  ctx.caches.names.peek(`region:${code}`);

export const cachedUnitName = (ctx: ServiceContext, id: string): string | undefined =>
  ctx.caches.names.peek(`unit:${id}`);

async function namesOf(
  ctx: ServiceContext,
  kind: 'region' | 'unit' | 'user',
  ids: Iterable<string>,
  load: (missing: string[]) => Promise<{ id: string; name: string }[]>,
): Promise<Map<string, string>> {
  const prefix = `${kind}:`;
  const keys = [...ids].map((id) => prefix + id);
  const cached = await ctx.caches.names.getMany(keys, async (missing) => {
    const rows = await load(missing.map((key) => key.slice(prefix.length)));
    return new Map(rows.map((r) => [prefix + r.id, r.name]));
  });
  const names = new Map<string, string>();
  for (const [key, name] of cached) names.set(key.slice(prefix.length), name);
  return names;
}
