import { sql } from 'kysely';
import { type Actor, SYSTEM_ACTOR } from '../../core/actor.js';
import { type AccountDecision, decideAccountAction, INITIAL_ROLE } from '../../core/admin-roles.js';
import { CLEARANCES } from '../../core/complaint.js';
import { DomainError, fieldError, invalid, notFound } from '../../core/errors.js';
import { ROLES, type Role } from '../../core/vocabulary.js';
import type { UserRow } from '../../db/schema.js';
import { addUser, presentUser, type User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext, withDb } from '../context.js';
import { userNameKey } from '../reference-names.js';
import { saveCredentials } from './credentials.js';
import { assertAllowed } from './errors.js';
import { oneTimeSecret, storePasswordHash } from './password.service.js';
import { hashPassword } from './password-hash.js';
import { revokeAllSessions } from './session.service.js';
import type { AccountSettings } from './settings.js';
import { forgetTokenGrants } from './tokens.service.js';

const USER = { zh: '用户', en: 'User' };

/** An account as administrators see it. */
export interface AccountView extends User {
  version: number;
  createdAt: string;
  locked: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  lastActiveAt: string | null;
}

const accountQuery = (ctx: ServiceContext) =>
  ctx.db
    .selectFrom('users')
    .leftJoin('user_credentials', 'user_credentials.user_id', 'users.id')
    .selectAll('users')
    .select([
      'user_credentials.locked_until',
      'user_credentials.totp_enabled_at',
      'user_credentials.must_change_password',
      'user_credentials.last_sign_in_at',
      'user_credentials.last_active_at',
    ]);

type AccountRow = UserRow & {
  locked_until: string | null;
  totp_enabled_at: string | null;
  must_change_password: number | null;
  last_sign_in_at: string | null;
  last_active_at: string | null;
};

const present = (r: AccountRow, now: Date): AccountView => ({
  ...presentUser(r),
  version: r.version,
  createdAt: r.created_at,
  locked: Boolean(r.locked_until && r.locked_until > now.toISOString()),
  totpEnabled: Boolean(r.totp_enabled_at),
  mustChangePassword: r.must_change_password === 1,
  lastSignInAt: r.last_sign_in_at,
  lastActiveAt: r.last_active_at,
});

/** Accounts by login, a page at a time (keyset on login). */
export async function listAccounts(
  ctx: ServiceContext,
  actor: Actor,
  options: { after?: string; limit?: number } = {},
): Promise<{ items: AccountView[]; nextCursor: string | null }> {
  assertAllowed(decideAccountAction(actor, 'user.list'));
  const limit = Math.min(options.limit ?? 50, 200);
  let query = accountQuery(ctx)
    .orderBy('users.login')
    .limit(limit + 1);
  if (options.after) query = query.where('users.login', '>', options.after);
  const rows = await query.execute();
  const now = ctx.clock.now();
  const items = rows.slice(0, limit).map((r) => present(r, now));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.login ?? null) : null };
}

export async function getAccount(ctx: ServiceContext, actor: Actor, id: string): Promise<AccountView> {
  assertAllowed(decideAccountAction(actor, 'user.list'));
  const row = await accountQuery(ctx).where('users.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(USER);
  return present(row, ctx.clock.now());
}

/**
 * The system administrator opens an account; it starts as a viewer with a one-time secret
 * that must be changed at the first sign-in (roles come from the security administrator).
 */
export async function createAccount(
  ctx: ServiceContext,
  settings: AccountSettings,
  actor: Actor | null,
  input: { login: string; displayName?: string; unitId?: string | null; role?: Role },
  ip?: string,
): Promise<{ account: AccountView; oneTimeSecret: string }> {
  if (actor) {
    const decision = decideAccountAction(actor, 'user.create', undefined, input.role);
    await authorize(ctx, actor, decision, { action: 'user.created', id: input.login, ip });
  }
  const secret = oneTimeSecret();
  const hash = await hashPassword(secret, settings.hash);
  const now = ctx.clock.now();
  const id = await inTransaction(ctx, async (trx) => {
    const tctx = withDb(ctx, trx);
    const by = { actorId: actor?.userId ?? SYSTEM_ACTOR.userId, ...(ip ? { ip } : {}) };
    const user = await addUser(tctx, { ...input, role: input.role ?? INITIAL_ROLE }, by);
    await storePasswordHash(tctx, settings, user.id, hash, true);
    return user.id;
  });
  const row = await accountQuery(ctx).where('users.id', '=', id).executeTakeFirstOrThrow();
  return { account: present(row, now), oneTimeSecret: secret };
}

const versionConflict = () =>
  new DomainError('VERSION_CONFLICT', {
    zh: '账号已被他人修改，请刷新后重试',
    en: 'The account changed meanwhile; reload and retry',
  });

async function loadForChange(ctx: ServiceContext, id: string, version?: number): Promise<UserRow> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(USER);
  if (version !== undefined && row.version !== version) throw versionConflict();
  return row;
}

/** Compare-and-set on the version; 0 rows means someone else changed the account. */
async function bumpUser(
  ctx: ServiceContext,
  row: UserRow,
  changes: Partial<Pick<UserRow, 'active' | 'unit_id' | 'display_name' | 'role' | 'clearances'>>,
) {
  const result = await ctx.db
    .updateTable('users')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw versionConflict();
  // Cached token grants hold the user's row; the callers drop them again after the commit.
  forgetTokenGrants(ctx);
  if (changes.display_name !== undefined) ctx.caches.names.delete(userNameKey(row.id));
}

export interface AccountChanges {
  active?: boolean;
  unitId?: string | null;
  displayName?: string;
  /** Lifts a sign-in lockout before it runs out. */
  unlock?: boolean;
}

/** Checks a decision; a denial is audited (outside any transaction) before the 403. */
async function authorize(
  ctx: ServiceContext,
  actor: Actor,
  decision: AccountDecision,
  audit: { action: string; id: string; ip?: string; detail?: Record<string, unknown> },
): Promise<void> {
  if (decision.allowed) return;
  const entry = { actorId: actor.userId, action: audit.action, resourceType: 'user', resourceId: audit.id };
  await recordAudit(
    ctx.db,
    { ...entry, outcome: 'denied', ip: audit.ip, detail: audit.detail },
    ctx.clock.now(),
  );
  assertAllowed(decision);
}

/** The system administrator edits, disables, enables or unlocks an account (If-Match version). */
export async function updateAccount(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  version: number,
  changes: AccountChanges,
  ip?: string,
): Promise<AccountView> {
  const now = ctx.clock.now();
  const before = await loadForChange(ctx, id);
  const disabling = changes.active === false && before.active === 1;
  const enabling = changes.active === true && before.active === 0;
  const kind = disabling ? 'disable' : enabling ? 'enable' : 'update';
  const action = changes.unlock && kind === 'update' ? 'user.unlocked' : `user.${kind}d`;
  const decision = decideAccountAction(actor, `user.${kind}` as const, { id, roles: [before.role] });
  await authorize(ctx, actor, decision, { action, id, ip });
  if (
    changes.unitId &&
    !(await ctx.db.selectFrom('units').select('id').where('id', '=', changes.unitId).executeTakeFirst())
  )
    throw invalid([fieldError('unitId', '单位不存在', 'Unknown unit')]);
  await inTransaction(ctx, async (trx) => {
    const row = await loadForChange(withDb(ctx, trx), id, version);
    await bumpUser(withDb(ctx, trx), row, {
      ...(changes.active === undefined ? {} : { active: changes.active ? 1 : 0 }),
      ...(changes.unitId === undefined ? {} : { unit_id: changes.unitId }),
      ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
    });
    if (disabling) await revokeAllSessions(trx, id, now);
    // Enabling restarts the inactivity clock, or the next sign-in would disable it again.
    if (enabling || changes.unlock) {
      await saveCredentials(trx, id, {
        ...(enabling ? { last_active_at: now.toISOString() } : {}),
        locked_until: null,
        failed_sign_ins: 0,
        failed_since: null,
      });
    }
    const detail = { fields: Object.keys(changes).sort() };
    await recordAudit(
      trx,
      { actorId: actor.userId, action, resourceType: 'user', resourceId: id, outcome: 'success', ip, detail },
      now,
    );
  });
  forgetTokenGrants(ctx);
  return getAccount(ctx, actor, id);
}

/** The security administrator gives an account its role (三权分立 rules in core/admin-roles). */
export async function grantRole(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  role: string,
  version?: number,
  ip?: string,
): Promise<AccountView> {
  if (!(ROLES as readonly string[]).includes(role))
    throw invalid([fieldError('role', '角色无效', 'Unknown role')]);
  return changeGrant(ctx, actor, id, version, ip, {
    decide: (before) => decideAccountAction(actor, 'user.grant_role', { id, roles: [before.role] }, role),
    auditAction: 'user.role_granted',
    detail: (before) => ({ from: before.role, to: role }),
    changes: { role },
  });
}

/**
 * A security-administrator grant (role or clearances): decided by core/admin-roles, a refusal
 * audited, the change made by compare-and-set with its audit record in one transaction, and
 * this process's cached token grants dropped so the change applies at once.
 */
async function changeGrant(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  version: number | undefined,
  ip: string | undefined,
  grant: {
    decide: (before: UserRow) => AccountDecision;
    auditAction: string;
    detail: (before: UserRow) => Record<string, unknown>;
    changes: Partial<Pick<UserRow, 'role' | 'clearances'>>;
  },
): Promise<AccountView> {
  const now = ctx.clock.now();
  const before = await loadForChange(ctx, id);
  const detail = grant.detail(before);
  await authorize(ctx, actor, grant.decide(before), { action: grant.auditAction, id, ip, detail });
  await inTransaction(ctx, async (trx) => {
    const row = await loadForChange(withDb(ctx, trx), id, version ?? before.version);
    await bumpUser(withDb(ctx, trx), row, grant.changes);
    await recordAudit(
      trx,
      {
        actorId: actor.userId,
        action: grant.auditAction,
        resourceType: 'user',
        resourceId: id,
        outcome: 'success',
        ip,
        detail,
      },
      now,
    );
  });
  forgetTokenGrants(ctx);
  return getAccount(ctx, actor, id);
}

/** The security administrator sets the confidentiality labels an account is cleared for. */
export async function setClearances(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  clearances: readonly string[],
  version?: number,
  ip?: string,
): Promise<AccountView> {
  const unknown = clearances.filter((c) => !(CLEARANCES as readonly string[]).includes(c));
  if (unknown.length)
    throw invalid([
      fieldError('clearances', '未知的保密授权', `Unknown clearance; one of ${CLEARANCES.join(', ')}`),
    ]);
  const next = [...new Set(clearances)].sort();
  return changeGrant(ctx, actor, id, version, ip, {
    decide: (before) => decideAccountAction(actor, 'user.grant_clearance', { id, roles: [before.role] }),
    auditAction: 'user.clearances_set',
    detail: (before) => ({ from: presentUser(before).clearances, to: next }),
    changes: { clearances: JSON.stringify(next) },
  });
}
