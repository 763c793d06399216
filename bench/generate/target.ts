import { rmSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.js';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/duban_bench';
export const defaultSqlitePath = (problems: number) => `data/bench-${problems}.db`;

/**
 * A fresh, empty database for the dataset. SQLite: the file is replaced. PostgreSQL: the
 * database is dropped and created again, only when its name starts with duban_bench
 * (or with --force), so a mistyped URL cannot wipe real data.
 */
export async function freshDatabase(
  engine: 'sqlite' | 'postgres',
  location: string,
  force: boolean,
): Promise<Database> {
  if (engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${location}${suffix}`, { force: true });
    return openDatabase(`sqlite:${location}`);
  }
  const url = new URL(location);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name.startsWith('duban_bench') && !force)
    throw new Error(
      `refusing to recreate database "${name}": use a name starting with duban_bench, or --force`,
    );
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return openDatabase(location);
}
