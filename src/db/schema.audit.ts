/** Tables of the tamper-evident audit trail (migration 2026-11-25-0003-audit). */
// Replaced by the tables' row types when the migration gains its tables.
export type AuditTables = Record<never, never>;
