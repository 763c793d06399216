import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { DomainError, type FieldError, fieldError, invalid, notFound } from '../core/errors.js';
import { ROLES, type Role } from '../core/vocabulary.js';
import type { UserRow } from '../db/schema.js';
import type { ServiceContext } from './context.js';
import { getRegionRow, unitRef } from './regions.service.js';
import { scopeFor } from './scope.service.js';

export interface User {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  active: boolean;
}

export interface NewUser {
  login: string;
  displayName?: string;
  role: Role;
  unitId?: string | null;
}

const USER = { zh: '用户', en: 'User' };
const TOKEN_PREFIX = 'dbn_';

export const presentUser = (u: UserRow): User => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  role: u.role as Role,
  unitId: u.unit_id,
  active: u.active === 1,
});

export async function addUser(ctx: ServiceContext, input: NewUser): Promise<User> {
  const errors: FieldError[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/i.test(input.login ?? '')) {
    errors.push(
      fieldError('login', '登录名须为 2–64 位字母、数字或 ._-', 'Login must be 2–64 letters, digits or ._-'),
    );
  }
  if (!ROLES.includes(input.role))
    errors.push(fieldError('role', '角色无效', `Role must be one of ${ROLES.join(', ')}`));
  if (
    input.unitId &&
    !(await ctx.db.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst())
  ) {
    errors.push(fieldError('unitId', '单位不存在', 'Unknown unit'));
  }
  if (errors.length) throw invalid(errors);
  if (await ctx.db.selectFrom('users').select('id').where('login', '=', input.login).executeTakeFirst()) {
    throw new DomainError('DUPLICATE', { zh: '登录名已被使用', en: 'Login already taken' }, [
      fieldError('login', '登录名已被使用', 'Login already taken'),
    ]);
  }
  const row: UserRow = {
    id: ctx.newId(),
    login: input.login,
    display_name: input.displayName ?? input.login,
    role: input.role,
    unit_id: input.unitId ?? null,
    scopes: '[]',
    active: 1,
    version: 1,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.insertInto('users').values(row).execute();
  return presentUser(row);
}

export async function findUserByLogin(ctx: ServiceContext, login: string): Promise<User | undefined> {
  const row = await ctx.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  return row ? presentUser(row) : undefined;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token; only its SHA-256 is stored, the token itself is returned once. */
export async function createToken(
  ctx: ServiceContext,
  login: string,
  options: { name?: string; expiresInDays?: number } = {},
): Promise<{ token: string; id: string; expiresAt: string | null }> {
  const user = await findUserByLogin(ctx, login);
  if (!user) throw notFound(USER);
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = options.expiresInDays
    ? new Date(now.getTime() + options.expiresInDays * 86_400_000).toISOString()
    : null;
  const id = ctx.newId();
  await ctx.db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: user.id,
      name: options.name ?? 'cli',
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { token, id, expiresAt };
}

/** The user behind a bearer token, or undefined when unknown, revoked or expired. */
export async function authenticateToken(ctx: ServiceContext, token: string): Promise<User | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const now = ctx.clock.now().toISOString();
  const row = await ctx.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || row.active !== 1)
    return undefined;
  // Last-used is kept to the minute so reads do not turn into a write each.
  if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
    await ctx.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.token_id)
      .execute();
  }
  return presentUser(row);
}

/** Builds the Actor the core rules see: the user, their unit's region ancestry, their work groups. */
export async function loadActor(ctx: ServiceContext, user: User): Promise<Actor> {
  const unitRow = user.unitId
    ? await ctx.db.selectFrom('units').selectAll().where('id', '=', user.unitId).executeTakeFirst()
    : undefined;
  const groups = await ctx.db
    .selectFrom('work_group_members')
    .select('work_group_id')
    .where('user_id', '=', user.id)
    .execute();
  const region = unitRow ? await getRegionRow(ctx.db, unitRow.region_code) : undefined;
  const workGroupIds = groups.map((g) => g.work_group_id);
  return {
    userId: user.id,
    login: user.login,
    role: user.role,
    unitId: user.unitId,
    unit: unitRow && region ? unitRef(unitRow, region) : null,
    workGroupIds,
    scope: await scopeFor(ctx.db, user, region, workGroupIds),
  };
}
