/** Tables of accounts, sign-in and sessions (migration 2026-11-25-0002-accounts). */
// Replaced by the tables' row types when the migration gains its tables.
export type AccountTables = Record<never, never>;
