import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walSync } from '../../src/db/wal-sync.js';

describe('walSync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-wal-'));
  const db = join(dir, 'x.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('syncs the database file when there is no log, the log once it exists, and a replaced log', async () => {
    writeFileSync(db, 'database');
    const wal = walSync(db);
    await expect(wal.sync()).resolves.toBeUndefined();
    writeFileSync(`${db}-wal`, 'log');
    await expect(wal.sync()).resolves.toBeUndefined();
    // The last connection closed (log removed) and a new one made a new log: another inode.
    unlinkSync(`${db}-wal`);
    writeFileSync(`${db}-wal`, 'new log');
    await expect(wal.sync()).resolves.toBeUndefined();
    unlinkSync(`${db}-wal`);
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });
});
