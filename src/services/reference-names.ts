import type { ServiceContext } from './context.js';

const known = (name: string | null) => name !== null;

/**
 * Display names of regions and units, read on every problem detail: reference data, so cached
 * per process (names.get keyed by kind and id). Unknown ids are not remembered: reference data
 * may still be loading.
 */
export function regionName(ctx: ServiceContext, code: string): Promise<string | null> {
  return ctx.caches.names.get(
    `region:${code}`,
    async () =>
      (await ctx.db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst())?.name ??
      null,
    known,
  );
}

export function unitName(ctx: ServiceContext, id: string): Promise<string | null> {
  return ctx.caches.names.get(
    `unit:${id}`,
    async () =>
      (await ctx.db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null,
    known,
  );
}
