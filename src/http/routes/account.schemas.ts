import { Type } from '@sinclair/typebox';
import { ROLES } from '../../core/vocabulary.js';
import { Label, Nullable } from '../schemas.js';

/** Schemas shared by the session, token and user routes. */
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserSchema = Type.Object({
  id: Type.String(),
  login: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitId: Nullable(Type.String()),
  active: Type.Boolean(),
  clearances: Type.Array(Type.String(), { description: 'Confidentiality labels (complainant_confidential)' }),
});

export const MeSchema = Type.Object({
  user: UserSchema,
  roleLabel: Label,
  unit: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  mustEnrolTotp: Type.Boolean(),
  passwordExpiresAt: Nullable(Type.String()),
  /** Only for cookie sessions: send it as x-csrf-token on every change. */
  csrfToken: Type.Optional(Type.String()),
  session: Type.Optional(Type.Object({ expiresAt: Type.String(), idleExpiresAt: Type.String() })),
});

export const AccountSchema = Type.Object({
  ...UserSchema.properties,
  version: Type.Integer(),
  createdAt: Type.String(),
  locked: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  lastActiveAt: Nullable(Type.String()),
});

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const NO_STORE = 'no-store';
