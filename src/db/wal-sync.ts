import { fstatSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

/**
 * fdatasync of a SQLite database's write-ahead log, from the libuv thread pool (the event loop
 * keeps serving while the disk works). In WAL mode with synchronous=NORMAL a commit is written
 * to the -wal file but not synced; syncing that file afterwards makes every commit written
 * before the sync started durable. SQLite itself syncs the WAL before a checkpoint copies it
 * into the database, so checkpointed commits stay durable too.
 */
export function walSync(databaseFile: string) {
  const walFile = `${databaseFile}-wal`;
  let handle: FileHandle | null = null;

  /** The -wal file SQLite writes now; null when there is none (nothing written yet). */
  async function currentWal(): Promise<FileHandle | null> {
    // SQLite reuses the -wal file after a checkpoint (same inode); it is only removed when the
    // last connection closes, and then a new file with another inode comes: reopen it.
    if (handle && fstatSync(handle.fd).nlink > 0) return handle;
    await handle?.close();
    handle = null;
    try {
      handle = await open(walFile, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return handle;
  }

  return {
    async sync(): Promise<void> {
      const wal = await currentWal();
      if (wal) return wal.datasync();
      // No log: whatever was committed is in the database file (the log was checkpointed).
      const db = await open(databaseFile, 'r');
      try {
        await db.datasync();
      } finally {
        await db.close();
      }
    },
    async close(): Promise<void> {
      await handle?.close();
      handle = null;
    },
  };
}
