import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, type Migration, Migrator } from 'kysely';
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { type Engine, openDatabase } from '../../src/db/database.js';
import * as ledger from '../../src/db/migrations/2026-11-25-0001-ledger.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { DB } from '../../src/db/schema.js';
import {
  createAccount,
  grantRole,
  listAccounts,
  updateAccount,
} from '../../src/services/accounts/users.service.js';
import { loadActor, type User } from '../../src/services/accounts.service.js';
import { describeEachEngine } from '../support/engines.js';
import { type AccountsWorld, accountsWorld, auditTrail } from './accounts.fixtures.js';

describeEachEngine('accounts: administration (三权分立)', (get, engine) => {
  let w: AccountsWorld;
  const actors: Record<string, Actor> = {};
  const users: Record<string, User> = {};
  beforeAll(async () => {
    w = accountsWorld(get());
    for (const role of ['system_admin', 'security_admin', 'audit_admin', 'office']) {
      users[role] = await w.person(role.replace('_', '-'), role);
      actors[role] = await loadActor(w.ctx, users[role]!);
    }
  });

  it('lets only the system administrator open accounts, as viewers with a one-time secret', async () => {
    const { account, oneTimeSecret } = await createAccount(w.ctx, w.settings, actors.system_admin!, {
      login: 'new-clerk',
    });
    expect(account).toMatchObject({ role: 'viewer', mustChangePassword: true, active: true, version: 1 });
    expect(oneTimeSecret).toHaveLength(20);
    for (const who of ['security_admin', 'audit_admin', 'office']) {
      await expect(
        createAccount(w.ctx, w.settings, actors[who]!, { login: `by-${who}` }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(
      createAccount(w.ctx, w.settings, actors.system_admin!, { login: 'sneaky', role: 'office' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      label: { en: expect.stringContaining('security administrator') },
    });
    expect(await auditTrail(w.ctx, users.security_admin!.id)).toContain('user.created:denied');
  });

  it('lets only the security administrator grant roles, never to themselves', async () => {
    const { account } = await createAccount(w.ctx, w.settings, actors.system_admin!, { login: 'to-promote' });
    const granted = await grantRole(w.ctx, actors.security_admin!, account.id, 'office');
    expect(granted).toMatchObject({ role: 'office', version: 2 });
    for (const who of ['system_admin', 'audit_admin', 'office']) {
      await expect(grantRole(w.ctx, actors[who]!, account.id, 'viewer')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(
      grantRole(w.ctx, actors.security_admin!, users.security_admin!.id, 'system_admin'),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      label: { en: 'Nobody changes their own roles' },
    });
    await expect(grantRole(w.ctx, actors.security_admin!, account.id, 'viewer', 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    const trail = await auditTrail(w.ctx, account.id);
    expect(trail.filter((t) => t.startsWith('user.role_granted'))).toEqual([
      'user.role_granted:success',
      'user.role_granted:denied',
      'user.role_granted:denied',
      'user.role_granted:denied',
    ]);
  });

  it('disables and re-enables accounts (system administrator, If-Match version, never oneself)', async () => {
    const { account } = await createAccount(w.ctx, w.settings, actors.system_admin!, { login: 'to-disable' });
    const disabled = await updateAccount(w.ctx, actors.system_admin!, account.id, 1, { active: false });
    expect(disabled).toMatchObject({ active: false, version: 2 });
    await expect(
      updateAccount(w.ctx, actors.system_admin!, account.id, 1, { active: true }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(
      updateAccount(w.ctx, actors.security_admin!, account.id, 2, { active: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      updateAccount(w.ctx, actors.system_admin!, users.system_admin!.id, 1, { active: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await updateAccount(w.ctx, actors.system_admin!, account.id, 2, { active: true })).toMatchObject({
      active: true,
      version: 3,
    });
  });

  it('lets the three administrators list accounts, and nobody else', async () => {
    for (const who of ['system_admin', 'security_admin', 'audit_admin']) {
      const page = await listAccounts(w.ctx, actors[who]!, { limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBe(page.items[1]?.login);
    }
    await expect(listAccounts(w.ctx, actors.office!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it(`converts stored 'admin' users to 'system_admin' when migrating [${engine}]`, async () => {
    const { db, drop } = await ledgerOnlyDatabase(engine);
    try {
      const now = new Date().toISOString();
      // The users table as the first migrations left it (no clearances column yet).
      const user = { display_name: 'x', unit_id: null, scopes: '[]', active: 1, version: 1, created_at: now };
      await db
        .insertInto('users')
        .values({ ...user, id: 'u1', login: 'old-admin', role: 'admin' } as never)
        .execute();
      await db
        .insertInto('users')
        .values({ ...user, id: 'u2', login: 'old-office', role: 'office' } as never)
        .execute();
      await migrateToLatest(db);
      const roles = await db.selectFrom('users').select(['login', 'role']).orderBy('login').execute();
      expect(roles).toEqual([
        { login: 'old-admin', role: 'system_admin' },
        { login: 'old-office', role: 'office' },
      ]);
    } finally {
      await drop();
    }
  });
});

/** A database at the first migration only, on either engine. */
async function ledgerOnlyDatabase(engine: Engine): Promise<{ db: Kysely<DB>; drop: () => Promise<void> }> {
  const pgUrl = process.env.DUBAN_TEST_PG_URL;
  let url: string;
  let cleanup: () => Promise<void>;
  let schema: string | undefined;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duban-mig-'));
    url = `sqlite:${join(dir, 'duban.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    schema = `m_${randomBytes(6).toString('hex')}`;
    const run = async (sql: string) => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await run(`create schema ${schema}`);
    url = `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}schema=${schema}`;
    const name = schema;
    cleanup = () => run(`drop schema ${name} cascade`);
  }
  const database = openDatabase(url, { poolSize: 2 });
  const first: Record<string, Migration> = { '2026-11-25-0001-ledger': ledger };
  // Kysely looks for its migration table in every schema unless told which one (other test
  // schemas on the same server would otherwise fool it).
  const { error } = await new Migrator({
    db: database.db,
    provider: { getMigrations: async () => first },
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) throw error;
  return {
    db: database.db,
    drop: async () => {
      await database.close();
      await cleanup();
    },
  };
}
