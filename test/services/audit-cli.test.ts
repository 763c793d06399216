import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { recordAudit } from '../../src/services/audit/audit.service.js';
import { tamper } from './audit.tamper.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duban-audit-cli-'));

/** A migrated SQLite file holding three audit records of one actor, one of them hashed with SM3. */
async function trailFile(name: string): Promise<{ url: string; secondId: string }> {
  const url = `sqlite:${join(dir, `${name}.db`)}`;
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  const at = new Date('2021-03-01T08:00:00Z');
  await recordAudit(database.db, { actorId: 'amy', action: 'auth.sign_in', outcome: 'success' }, at);
  await recordAudit(database.db, { actorId: 'amy', action: 'pii.read', outcome: 'success' }, at, {
    hashAlgorithm: 'sm3',
  });
  await recordAudit(database.db, { actorId: 'amy', action: 'auth.signed_out', outcome: 'success' }, at);
  const second = await database.db
    .selectFrom('audit_log')
    .select('id')
    .where('seq', '=', 2)
    .executeTakeFirstOrThrow();
  await database.close();
  return { url, secondId: second.id };
}

const duban = (url: string, ...args: string[]) =>
  run('npx', ['tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, DUBAN_DATA_DIR: dir },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

describe('duban audit verify (the command, on a SQLite file)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on an intact trail, seals it, and then has nothing new to seal', async () => {
    const { url } = await trailFile('intact');
    const verified = await duban(url, 'audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('3 audit records in 1 chains');
    expect(verified.stdout).toMatch(/sealed checkpoint 1 at .* \(sha256\): [0-9a-f]{64}/);
    expect((await duban(url, 'audit', 'seal')).stdout).toContain('nothing new to seal');
  });

  it('exits 1, names the row edited directly in the file, and seals nothing', async () => {
    const { url, secondId } = await trailFile('edited');
    const database = openDatabase(url);
    await tamper(database, [`update audit_log set outcome = 'denied' where id = '${secondId}'`]);
    await database.close();
    const verified = await duban(url, 'audit', 'verify');
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(
      `BROKEN audit_log chain=actor:amy seq=2 id=${secondId}: record altered after it was written`,
    );
    expect(verified.stdout).not.toContain('sealed checkpoint');
  });
});
