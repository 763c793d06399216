import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../core/actor.js';
import { fieldError, invalid, notFound } from '../../core/errors.js';
import { findUserByLogin, presentUser, type User } from '../accounts.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { saveCredentials } from './credentials.js';

const USER = { zh: '用户', en: 'User' };
const TOKEN = { zh: '访问令牌', en: 'Token' };
const TOKEN_PREFIX = 'dbn_';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenView {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates an API token; only its SHA-256 is stored, the token itself is returned once. */
export async function createToken(
  ctx: ServiceContext,
  login: string,
  options: { name?: string; expiresInDays?: number; ip?: string } = {},
): Promise<{ token: string; id: string; expiresAt: string | null }> {
  const user = await findUserByLogin(ctx, login);
  if (!user) throw notFound(USER);
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = options.expiresInDays
    ? new Date(now.getTime() + options.expiresInDays * 86_400_000).toISOString()
    : null;
  const id = ctx.newId();
  const name = options.name ?? 'cli';
  await inTransaction(ctx, async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: user.id,
        name,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        actorId: user.id,
        action: 'token.created',
        resourceType: 'api_token',
        resourceId: id,
        outcome: 'success',
        ip: options.ip,
        detail: { name, expiresAt },
      },
      now,
    );
  });
  return { token, id, expiresAt };
}

/** A token for the signed-in user, with an expiry no longer than `maxDays`. */
export async function createOwnToken(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string; expiresInDays: number },
  maxDays: number,
  ip?: string,
): Promise<{ token: string; id: string; expiresAt: string | null }> {
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > maxDays) {
    throw invalid([fieldError('expiresInDays', `有效期须为 1–${maxDays} 天`, `must be 1–${maxDays} days`)]);
  }
  return createToken(ctx, actor.login, { ...input, ip });
}

/** What one look-up of a token gives: its user and what decides whether it still works. */
async function findTokenGrant(ctx: ServiceContext, tokenHash: string) {
  return ctx.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type TokenGrant = NonNullable<Awaited<ReturnType<typeof findTokenGrant>>>;

/**
 * Drops every cached token grant: a change to an account (disabled, role, unit...) must reach
 * its tokens at once in this process. Account changes are rare, so all go.
 */
export function forgetTokenGrants(ctx: ServiceContext): void {
  ctx.caches.tokens.clear();
}

const usable = (grant: TokenGrant | undefined): grant is TokenGrant =>
  grant !== undefined && !grant.revoked_at && grant.active === 1;

/**
 * The user behind a bearer token, or undefined when unknown, revoked or expired. The look-up
 * is cached per process for DUBAN_CACHE_TTL_MS (usable tokens only; revocation and account
 * changes drop it at once in this process, within the TTL in the others). Each use is audited
 * ('token.used') at most once a minute per token, with the last-used time, so that reads do
 * not each become a write.
 */
export async function authenticateToken(
  ctx: ServiceContext,
  token: string,
  ip?: string,
): Promise<User | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const tokenHash = hashToken(token);
  const grant = await ctx.caches.tokens.get(
    tokenHash,
    async () => (await findTokenGrant(ctx, tokenHash)) as TokenGrant,
    usable,
  );
  if (!usable(grant) || (grant.expires_at && grant.expires_at <= iso)) return undefined;
  if (!grant.last_used_at || grant.last_used_at.slice(0, 16) !== iso.slice(0, 16)) {
    await recordTokenUse(ctx, tokenHash, grant, now, ip);
  }
  return presentUser(grant);
}

/**
 * The token's user when its grant is cached and this request needs nothing written (the token
 * was already marked used in this minute), without a promise; undefined otherwise, and then
 * `authenticateToken` decides (it also refuses what this does not answer).
 */
export function authenticateTokenIfCached(ctx: ServiceContext, token: string): User | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const grant = ctx.caches.tokens.peek(hashToken(token));
  if (!usable(grant)) return undefined;
  const iso = ctx.clock.now().toISOString();
  if (grant.expires_at && grant.expires_at <= iso) return undefined;
  if (!grant.last_used_at || grant.last_used_at.slice(0, 16) !== iso.slice(0, 16)) return undefined;
  return presentUser(grant);
}

/**
 * Marks the token used in this minute and audits it, once: a compare-and-set on the old
 * last-used time, so of concurrent first uses in a minute (any process) one audits. The cached
 * grant learns the new time; when another request won, it is dropped and read again.
 */
async function recordTokenUse(
  ctx: ServiceContext,
  tokenHash: string,
  grant: TokenGrant,
  now: Date,
  ip?: string,
) {
  const iso = now.toISOString();
  const previous = grant.last_used_at;
  const won = await inTransaction(ctx, async (trx) => {
    const updated = await trx
      .updateTable('api_tokens')
      .set({ last_used_at: iso })
      .where('id', '=', grant.token_id)
      .where((eb) => (previous ? eb('last_used_at', '=', previous) : eb('last_used_at', 'is', null)))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await saveCredentials(trx, grant.id, { last_active_at: iso });
    await recordAudit(
      trx,
      {
        actorId: grant.id,
        action: 'token.used',
        resourceType: 'api_token',
        resourceId: grant.token_id,
        outcome: 'success',
        ip,
      },
      now,
    );
    return true;
  });
  if (won) grant.last_used_at = iso;
  else ctx.caches.tokens.delete(tokenHash);
}

/** The actor's own tokens, newest first, revoked ones included. */
export async function listTokens(ctx: ServiceContext, actor: Actor): Promise<TokenView[]> {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token: the owner's own, or any as the system administrator; others see 404. */
export async function revokeToken(ctx: ServiceContext, actor: Actor, id: string, ip?: string): Promise<void> {
  const now = ctx.clock.now();
  let revokedHash: string | undefined;
  await inTransaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom('api_tokens')
      .select(['user_id', 'revoked_at', 'token_hash'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || (row.user_id !== actor.userId && actor.role !== 'system_admin')) throw notFound(TOKEN);
    revokedHash = row.token_hash;
    if (row.revoked_at) return;
    await trx.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
    await recordAudit(
      trx,
      {
        actorId: actor.userId,
        action: 'token.revoked',
        resourceType: 'api_token',
        resourceId: id,
        outcome: 'success',
        ip,
      },
      now,
    );
  });
  // After the commit, so no request in between can cache the token again as still usable.
  if (revokedHash) ctx.caches.tokens.delete(revokedHash);
}
