import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describe('durable mode on SQLite (group commit)', () => {
  let dir: string;
  let database: Database;
  let w: ProblemWorld;
  /** What the services waited for: calls of awaitDurable, and how many had resolved. */
  const waits = { called: 0, resolved: 0 };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-durable-'));
    const opened = openDatabase(`sqlite:${join(dir, 'duban.db')}`, { durability: 'full' });
    const awaitDurable = opened.awaitDurable!;
    database = {
      ...opened,
      awaitDurable: async () => {
        waits.called++;
        await awaitDurable();
        waits.resolved++;
      },
    };
    await migrateToLatest(database.db);
    w = await problemWorld(database);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps synchronous=NORMAL and syncs the write-ahead log instead', () => {
    expect(database.sqlite!.pragma('synchronous', { simple: true })).toBe(1);
    expect(database.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(existsSync(join(dir, 'duban.db-wal'))).toBe(true);
  });

  it('acknowledges concurrent creates only after a sync, and they are all stored', async () => {
    const before = { ...waits };
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: `持久化登记${i}` })),
      ),
    );
    expect(created.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    // Every create waited for a sync that had finished when it was answered.
    expect(waits.called - before.called).toBeGreaterThanOrEqual(40);
    expect(waits.resolved).toBe(waits.called);
    const ids = created.map((r) => r.json().id as string);
    const stored = await database.db.selectFrom('problems').select('id').where('id', 'in', ids).execute();
    expect(stored).toHaveLength(40);
  });

  it('keeps syncing across a checkpoint that truncates the log', async () => {
    database.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    const r = await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: '检查点之后' }));
    expect(r.statusCode).toBe(201);
    const urged = await w.as('office')(
      'POST',
      `/problems/${r.json().id}/urge`,
      { text: '请加快整改' },
      { 'if-match': '"1"' },
    );
    expect(urged.statusCode).toBe(200);
  });
});

describe('durability configuration', () => {
  it('reads DUBAN_DURABILITY, and DUBAN_SQLITE_SYNCHRONOUS=FULL as the older name of full', () => {
    const base = { DUBAN_CONFIG: '/nonexistent.json' };
    expect(loadConfig(base).durability).toBe('normal');
    expect(loadConfig({ ...base, DUBAN_DURABILITY: 'full' }).durability).toBe('full');
    expect(loadConfig({ ...base, DUBAN_SQLITE_SYNCHRONOUS: 'FULL' }).durability).toBe('full');
    expect(loadConfig({ ...base, DUBAN_SQLITE_SYNCHRONOUS: 'normal' }).durability).toBe('normal');
    expect(() => loadConfig({ ...base, DUBAN_DURABILITY: 'always' })).toThrow('DUBAN_DURABILITY');
  });
});
