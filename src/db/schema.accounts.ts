/** Tables of accounts, sign-in and sessions (migration 2026-11-25-0002-accounts). */
import type { Generated } from 'kysely';

/** One row per user who signs in with a password; never selected together with `users`. */
export interface UserCredentialRow {
  user_id: string;
  /** Self-describing hash: `$scrypt$ln=17,r=8,p=1$salt$hash` or `$pbkdf2-sm3$i=…$salt$hash`. */
  password_hash: string | null;
  password_changed_at: string | null;
  must_change_password: Generated<number>;
  /** Failures in the current window (since `failed_since`). */
  failed_sign_ins: Generated<number>;
  failed_since: string | null;
  locked_until: string | null;
  last_sign_in_at: string | null;
  /** Last sign-in or token use, for disabling unused accounts. */
  last_active_at: string | null;
  /** FieldCipher text, aad = user id; pending until `totp_enabled_at` is set. */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** Last accepted TOTP step: a code is never accepted twice. */
  totp_last_step: number | null;
}

export interface PasswordHistoryRow {
  /** UUIDv7: orders passwords set within the same instant. */
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

export interface SessionRow {
  /** SHA-256 (hex) of the cookie value. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry; the idle limit is computed from `last_seen_at` and the role. */
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AccountTables {
  user_credentials: UserCredentialRow;
  password_history: PasswordHistoryRow;
  sessions: SessionRow;
}
