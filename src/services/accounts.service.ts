import type { Actor } from '../core/actor.js';
import { DomainError, type FieldError, fieldError, invalid } from '../core/errors.js';
import { ROLES, type Role } from '../core/vocabulary.js';
import type { UserRow } from '../db/schema.js';
import { recordAudit } from './audit/audit.service.js';
import { inTransaction, type ServiceContext } from './context.js';
import { getRegionRow, unitRef } from './regions.service.js';
import { scopeFor } from './scope.service.js';

export interface User {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  active: boolean;
  /** Confidentiality labels the user is cleared for (see core complaint.ts). */
  clearances: string[];
}

export interface NewUser {
  login: string;
  displayName?: string;
  role: Role;
  unitId?: string | null;
}

export const presentUser = (u: UserRow): User => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  role: u.role as Role,
  unitId: u.unit_id,
  active: u.active === 1,
  clearances: parseClearances(u.clearances),
});

function parseClearances(json: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export async function addUser(
  ctx: ServiceContext,
  input: NewUser,
  by: { actorId?: string | null; ip?: string } = {},
): Promise<User> {
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
    clearances: '[]',
    active: 1,
    version: 1,
    created_at: ctx.clock.now().toISOString(),
  };
  // Who created the account is part of the record: the API passes its actor, the CLI none.
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('users').values(row).execute();
    await recordAudit(
      trx,
      {
        actorId: by.actorId ?? null,
        action: 'user.created',
        resourceType: 'user',
        resourceId: row.id,
        outcome: 'success',
        ip: by.ip ?? null,
        detail: { role: row.role, login: row.login },
      },
      new Date(row.created_at),
    );
  });
  return presentUser(row);
}

export async function findUserByLogin(ctx: ServiceContext, login: string): Promise<User | undefined> {
  const row = await ctx.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  return row ? presentUser(row) : undefined;
}

// Tokens live with the other credentials; re-exported for the callers of this module.
export { authenticateToken, authenticateTokenIfCached, createToken } from './accounts/tokens.service.js';

/** Builds the Actor the core rules see: the user, their unit's region ancestry, their work groups. */
// Keyed by everything of the user that shapes the actor, so a role or unit change is seen at once.
const actorKey = (user: User) => `${user.id}:${user.role}:${user.unitId ?? ''}:${user.clearances.join(',')}`;

export async function loadActor(ctx: ServiceContext, user: User): Promise<Actor> {
  return ctx.caches.actors.get(actorKey(user), () => buildActor(ctx, user));
}

/** The user's actor when it is cached, without a promise (undefined: ask `loadActor`). */
export const cachedActor = (ctx: ServiceContext, user: User): Actor | undefined =>
  ctx.caches.actors.peek(actorKey(user));

async function buildActor(ctx: ServiceContext, user: User): Promise<Actor> {
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
    clearances: user.clearances,
  };
}
