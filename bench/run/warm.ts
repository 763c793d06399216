import { createReadStream } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/**
 * Reads the whole database once so every engine starts from the OS page cache: two 11 GB
 * datasets do not both fit in 24 GiB, and whichever was written last would otherwise win.
 */
export async function warmCache(database: Database): Promise<void> {
  if (database.engine === 'sqlite') {
    for await (const _chunk of createReadStream(database.location, { highWaterMark: 8 << 20 }));
    return;
  }
  try {
    await sql`create extension if not exists pg_prewarm`.execute(database.db);
    await sql`select pg_prewarm(c.oid::regclass, 'read') from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'i', 't')`.execute(database.db);
  } catch {
    // Without pg_prewarm (contrib), a sequential read of the big tables does most of it.
    await sql`select count(*) from problems`.execute(database.db);
    await sql`select count(*) from events`.execute(database.db);
  }
}
