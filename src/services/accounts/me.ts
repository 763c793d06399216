import { passwordExpired } from '../../core/password-policy.js';
import { type Label, ROLE_LABELS, type Role } from '../../core/vocabulary.js';
import type { User } from '../accounts.service.js';
import type { ServiceContext } from '../context.js';
import { getCredentials } from './credentials.js';
import { type AccountSettings, totpRequired } from './settings.js';

/** The signed-in user as the web app needs them: who, which unit, and what they must do first. */
export interface Me {
  user: User;
  roleLabel: Label;
  unit: { id: string; name: string } | null;
  totpEnabled: boolean;
  /** A one-time secret, or a password past its rotation date: only the change is allowed. */
  mustChangePassword: boolean;
  /** The role requires a second factor that is not enrolled yet: only enrolment is allowed. */
  mustEnrolTotp: boolean;
  passwordExpiresAt: string | null;
}

/** What a session with these credentials must do before anything else (both false: nothing). */
export function pendingSteps(
  settings: AccountSettings,
  role: string,
  cred: { mustChangePassword: number; passwordChangedAt: string | null; totpEnabledAt: string | null },
  now: Date,
): { mustChangePassword: boolean; mustEnrolTotp: boolean } {
  return {
    mustChangePassword:
      cred.mustChangePassword === 1 || passwordExpired(cred.passwordChangedAt, now, settings.passwordPolicy),
    mustEnrolTotp: totpRequired(settings, role) && !cred.totpEnabledAt,
  };
}

export async function describeMe(ctx: ServiceContext, settings: AccountSettings, user: User): Promise<Me> {
  const cred = await getCredentials(ctx.db, user.id);
  const unit = user.unitId
    ? await ctx.db.selectFrom('units').select(['id', 'name']).where('id', '=', user.unitId).executeTakeFirst()
    : undefined;
  const steps = pendingSteps(
    settings,
    user.role,
    {
      mustChangePassword: cred?.must_change_password ?? 0,
      passwordChangedAt: cred?.password_changed_at ?? null,
      totpEnabledAt: cred?.totp_enabled_at ?? null,
    },
    ctx.clock.now(),
  );
  const maxAge = settings.passwordPolicy.maxAgeDays;
  return {
    user,
    roleLabel: ROLE_LABELS[user.role as Role] ?? { zh: user.role, en: user.role },
    unit: unit ?? null,
    totpEnabled: Boolean(cred?.totp_enabled_at),
    ...steps,
    passwordExpiresAt:
      maxAge > 0 && cred?.password_changed_at
        ? new Date(Date.parse(cred.password_changed_at) + maxAge * 86_400_000).toISOString()
        : null,
  };
}
