import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

const GUARDED = ['events', 'audit_log', 'audit_checkpoints'];

/**
 * Runs SQL straight against the database, as someone with access to the file or the server
 * would, after dropping the append-only triggers: SQLite through its own better-sqlite3 handle
 * on the file, PostgreSQL through a plain connection.
 */
export async function tamper(database: Database, statements: string[]): Promise<void> {
  if (database.engine === 'sqlite') {
    const file = new SQLite(database.location);
    try {
      for (const t of GUARDED) {
        file.exec(`drop trigger if exists ${t}_no_update`);
        file.exec(`drop trigger if exists ${t}_no_delete`);
      }
      for (const s of statements) file.exec(s);
    } finally {
      file.close();
    }
    return;
  }
  for (const t of GUARDED)
    await sql.raw(`drop trigger if exists ${t}_append_only on ${t}`).execute(database.db);
  for (const s of statements) await sql.raw(s).execute(database.db);
}
