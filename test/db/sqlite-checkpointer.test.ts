import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { SAFETY_NET_PAGES } from '../../src/db/sqlite-checkpointer.js';

let dir: string;
let database: Database | undefined;

afterEach(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('copies committed pages into the database file from its own thread, not in the writers’ commits', async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-ckpt-'));
  const file = join(dir, 'ckpt.db');
  database = openDatabase(`sqlite:${file}`);
  const sqlite = database.sqlite!;
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
  sqlite.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const before = statSync(file).size;
  // ~2,000 pages: far below SQLite's own mark, so only the checkpointer moves them.
  const insert = sqlite.prepare('INSERT INTO blobs (body) VALUES (?)');
  for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(16_000, i % 251));
  const deadline = Date.now() + 5_000;
  while (statSync(file).size < before + 6_000_000 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  expect(statSync(file).size).toBeGreaterThan(before + 6_000_000);
  await database.close();
  database = openDatabase(`sqlite:${file}`);
  expect(database.sqlite!.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 500 });
});
