/**
 * The group commit alone, without HTTP or duban's services: `--clients` concurrent writers each
 * commit a small transaction and count it only once it is durable, three ways: synchronous=NORMAL
 * (no sync: the ceiling), FULL (an fsync per commit) and NORMAL + src's GroupCommit on the WAL.
 *   npx tsx bench/group-commit/main.ts [--seconds 3] [--clients 32]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { GroupCommit } from '../../src/db/group-commit.js';
import { walSync } from '../../src/db/wal-sync.js';

const { values: opts } = parseArgs({
  options: { seconds: { type: 'string', default: '3' }, clients: { type: 'string', default: '32' } },
});
const seconds = Number(opts.seconds);

async function run(mode: 'normal' | 'full' | 'group'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-group-commit-'));
  const file = join(dir, 'bench.db');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${mode === 'full' ? 'FULL' : 'NORMAL'}`);
  db.exec('create table t (id integer primary key, body text not null)');
  const insert = db.prepare('insert into t (body) values (?)');
  const commit = db.transaction((body: string) => insert.run(body));
  const wal = walSync(file);
  const group = new GroupCommit(() => wal.sync());
  let durable = 0;
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      await new Promise((resolve) => setImmediate(resolve));
      commit('整改进展：已完成截污纳管工程'.repeat(10));
      if (mode === 'group') await group.wait();
      durable++;
    }
  };
  await Promise.all(Array.from({ length: Number(opts.clients) }, client));
  await wal.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const syncs = mode === 'group' ? `, ${Math.round(group.flushes / seconds)} syncs/s` : '';
  return `${mode.padEnd(6)} ${Math.round(durable / seconds)} commits/s${syncs}`;
}

for (const mode of ['normal', 'full', 'group'] as const) console.log(await run(mode));
