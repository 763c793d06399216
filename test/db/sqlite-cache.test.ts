import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { DEFAULT_SQLITE_CACHE_MB, openDatabase } from '../../src/db/database.js';

describe("SQLite's page cache", () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { DUBAN_CONFIG: join(dir, 'none.json') };

  it('is read from DUBAN_SQLITE_CACHE_MB, a positive whole number of MiB', () => {
    expect(loadConfig(base).sqliteCacheMb).toBe(DEFAULT_SQLITE_CACHE_MB);
    expect(loadConfig({ ...base, DUBAN_SQLITE_CACHE_MB: '64' }).sqliteCacheMb).toBe(64);
    for (const bad of ['0', '-8', '1.5', 'lots'])
      expect(() => loadConfig({ ...base, DUBAN_SQLITE_CACHE_MB: bad })).toThrow(/DUBAN_SQLITE_CACHE_MB/);
  });

  it('is set on the connection as that many KiB', async () => {
    const database = openDatabase(`sqlite:${join(dir, 'a.db')}`, { sqliteCacheMb: 24 });
    try {
      expect(database.sqlite!.pragma('cache_size', { simple: true })).toBe(-24 * 1024);
    } finally {
      await database.close();
    }
    const byDefault = openDatabase(`sqlite:${join(dir, 'b.db')}`);
    try {
      expect(byDefault.sqlite!.pragma('cache_size', { simple: true })).toBe(-DEFAULT_SQLITE_CACHE_MB * 1024);
    } finally {
      await byDefault.close();
    }
  });
});
