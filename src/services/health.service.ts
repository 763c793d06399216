import { sql } from 'kysely';
import type { ServiceContext } from './context.js';

/** True when the database answers a trivial query. */
export async function databaseReady(ctx: ServiceContext): Promise<boolean> {
  try {
    await sql`select 1`.execute(ctx.db);
    return true;
  } catch {
    return false;
  }
}
