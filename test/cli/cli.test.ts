import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'duban.db')}`, DUBAN_DATA_DIR: dir };
const duban = (...args: string[]) =>
  run('npx', ['tsx', 'src/cli/main.ts', ...args], { env, timeout: 60_000 });

describe('the duban command', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, adds a user, prints a token on its last line and backs up online', async () => {
    const migrated = await duban('migrate', '--no-towns');
    expect(migrated.stdout).toMatch(
      /schema at \d{4}-\d{2}-\d{2}-\d{4}-[a-z-]+ on sqlite; \d{4} regions loaded/,
    );

    await duban('user', 'add', '--login', 'alice', '--role', 'office', '--name', '李华');
    const { stdout } = await duban('token', 'create', '--user', 'alice', '--expires-days', '7');
    const token = stdout.trim().split('\n').at(-1);
    expect(token).toMatch(/^dbn_[\w-]{20,}$/);

    const copy = join(dir, 'backup.db');
    await duban('backup', copy);
    expect(existsSync(copy)).toBe(true);
    const backup = new SQLite(copy, { readonly: true });
    expect(backup.prepare('select login from users').all()).toEqual([{ login: 'alice' }]);
    backup.close();
  });

  it('explains a bad command line in both languages and exits non-zero', async () => {
    const failed = await duban('user', 'add', '--login', 'bob', '--role', 'emperor').catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('输入有误 / Invalid input');
    expect((failed as { stderr: string }).stderr).toContain('role');
  });
});
