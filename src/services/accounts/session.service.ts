import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isAdminRole } from '../../core/admin-roles.js';
import type { SessionRow } from '../../db/schema.accounts.js';
import type { DB } from '../../db/schema.js';
import { presentUser, type User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext } from '../context.js';
import type { AccountSettings } from './settings.js';

export const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Idle limit of a role's sessions: shorter for the three administrators. */
export const idleMinutesFor = (settings: AccountSettings, role: string) =>
  isAdminRole(role) ? settings.sessions.adminIdleMinutes : settings.sessions.idleMinutes;

export interface OpenedSession {
  /** The cookie value: returned once, only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * A new browser session. The id is always fresh (rotated on every sign-in); a session the
 * browser still presented is revoked, so a planted cookie never becomes a signed-in one.
 */
export async function openSession(
  db: Kysely<DB>,
  settings: AccountSettings,
  userId: string,
  now: Date,
  meta: { ip?: string; userAgent?: string; replaces?: string },
): Promise<OpenedSession> {
  if (meta.replaces) {
    await db
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', sha256hex(meta.replaces))
      .where('revoked_at', 'is', null)
      .execute();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.sessions.absoluteHours * 3_600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: sha256hex(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip?.slice(0, 64) ?? null,
      user_agent: meta.userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  user: User;
  session: SessionRow;
  /** When the session ends if nothing happens. */
  idleExpiresAt: string;
  /** Password to change or second factor to enrol: only those requests are allowed. */
  flags: { mustChangePassword: number; passwordChangedAt: string | null; totpEnabledAt: string | null };
}

/** The live session behind a cookie value: not revoked, within absolute and idle limits. */
export async function authenticateSession(
  ctx: ServiceContext,
  settings: AccountSettings,
  token: string,
): Promise<ActiveSession | undefined> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_credentials', 'user_credentials.user_id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'sessions.ip',
      'sessions.user_agent',
      'user_credentials.must_change_password',
      'user_credentials.password_changed_at',
      'user_credentials.totp_enabled_at',
    ])
    .where('sessions.id', '=', sha256hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.active !== 1 || row.expires_at <= now.toISOString()) return undefined;
  const idleMs = idleMinutesFor(settings, row.role) * 60_000;
  if (new Date(row.last_seen_at).getTime() + idleMs <= now.getTime()) return undefined;
  // Last-seen moves at most once a minute, so reads do not each become a write.
  let lastSeen = row.last_seen_at;
  if (now.getTime() - new Date(lastSeen).getTime() >= 60_000) {
    lastSeen = now.toISOString();
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeen })
      .where('id', '=', row.session_id)
      .execute();
  }
  return {
    user: presentUser(row),
    session: {
      id: row.session_id,
      user_id: row.id,
      csrf_token: row.csrf_token,
      created_at: row.session_created_at,
      last_seen_at: lastSeen,
      expires_at: row.expires_at,
      revoked_at: null,
      ip: row.ip,
      user_agent: row.user_agent,
    },
    idleExpiresAt: new Date(
      Math.min(new Date(lastSeen).getTime() + idleMs, Date.parse(row.expires_at)),
    ).toISOString(),
    flags: {
      mustChangePassword: row.must_change_password ?? 0,
      passwordChangedAt: row.password_changed_at ?? null,
      totpEnabledAt: row.totp_enabled_at ?? null,
    },
  };
}

/** Signs out of one session. */
export async function closeSession(ctx: ServiceContext, sessionId: string, userId: string, ip?: string) {
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(
      trx,
      {
        actorId: userId,
        action: 'auth.sign_out',
        resourceType: 'user',
        resourceId: userId,
        outcome: 'success',
        ip,
      },
      now,
    );
  });
}

/** Revokes every live session of a user ("sign out everywhere"), except `keep` if given. */
export async function revokeAllSessions(
  db: Kysely<DB>,
  userId: string,
  now: Date,
  keep?: string,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** "Sign out everywhere", audited. */
export async function signOutEverywhere(ctx: ServiceContext, userId: string, ip?: string): Promise<number> {
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const count = await revokeAllSessions(trx, userId, now);
    await recordAudit(
      trx,
      {
        actorId: userId,
        action: 'auth.sessions_revoked',
        resourceType: 'user',
        resourceId: userId,
        outcome: 'success',
        ip,
        detail: { count },
      },
      now,
    );
    return count;
  });
}
