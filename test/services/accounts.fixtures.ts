import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import type { HardeningOptions } from '../../src/http/plugins/security.js';
import { storePasswordHash } from '../../src/services/accounts/password.service.js';
import { hashPassword } from '../../src/services/accounts/password-hash.js';
import {
  type AccountSettings,
  type AccountSettingsInput,
  accountSettings,
} from '../../src/services/accounts/settings.js';
import { addUser, type User } from '../../src/services/accounts.service.js';
import { createServiceContext, fixedClock, type ServiceContext } from '../../src/services/context.js';

/** 2020-08-03 10:00 in Changchun. */
export const START = '2020-08-03T02:00:00Z';
export const GOOD_PASSWORD = 'Qingshan-Lvshui9';
export const OTHER_PASSWORD = 'Jinshan-Yinshan7';

/** Production rules with a cheap scrypt cost, so tests hash in milliseconds. */
export const testSettings = (overrides: AccountSettingsInput = {}): AccountSettings =>
  accountSettings({ mode: 'production', ...overrides, hash: { scryptLogN: 10, ...overrides.hash } });

export interface AccountsWorld {
  ctx: ServiceContext;
  clock: ReturnType<typeof fixedClock>;
  settings: AccountSettings;
  /** A new user (login made unique with a suffix) with a password set, nothing pending. */
  person(login: string, role: string, password?: string): Promise<User>;
  minutes(n: number): void;
}

let serial = 0;

export function accountsWorld(database: Database, overrides: AccountSettingsInput = {}): AccountsWorld {
  const clock = fixedClock(START);
  const ctx = createServiceContext(database.db, database.engine, { clock });
  const settings = testSettings(overrides);
  return {
    ctx,
    clock,
    settings,
    async person(login, role, password = GOOD_PASSWORD) {
      serial += 1;
      const user = await addUser(ctx, { login: `${login}-${serial}`, role: role as User['role'] });
      await storePasswordHash(ctx, settings, user.id, await hashPassword(password, settings.hash), false);
      return user;
    },
    minutes: (n) => clock.set(new Date(clock.now().getTime() + n * 60_000)),
  };
}

/** A browser as the tests drive it: keeps the session cookie and the CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
  signIn(login: string, password?: string, totp?: string): Promise<LightMyRequestResponse>;
  call(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export function browser(app: FastifyInstance): Browser {
  const b: Browser = {
    cookie: '',
    csrf: '',
    async signIn(login, password = GOOD_PASSWORD, totp) {
      const res = await b.call('POST', '/api/v1/session', { login, password, ...(totp ? { totp } : {}) });
      const set = res.headers['set-cookie'];
      const first = (Array.isArray(set) ? set[0] : set) ?? '';
      if (res.statusCode === 200) {
        b.cookie = first.split(';')[0] ?? '';
        b.csrf = res.json().csrfToken;
      }
      return res;
    },
    call: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { ...(b.cookie ? { cookie: b.cookie } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
  return b;
}

/** The app for a world; sign-in rate limit high unless a test is about it. */
export const appFor = (w: AccountsWorld, hardening: Partial<HardeningOptions> = {}) =>
  buildApp({ ctx: w.ctx, accounts: w.settings, hardening: { signInPerMinute: 1000, ...hardening } });

/** Audit rows of a user, oldest first, as action:outcome. */
export async function auditTrail(ctx: ServiceContext, userId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'outcome'])
    .where((eb) => eb.or([eb('actor_id', '=', userId), eb('resource_id', '=', userId)]))
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.action}:${r.outcome}`);
}
