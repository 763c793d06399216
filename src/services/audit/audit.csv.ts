import type { AuditLogRow } from '../../db/schema.audit.js';

const COLUMNS = [
  'occurred_at',
  'actor_id',
  'action',
  'resource_type',
  'resource_id',
  'outcome',
  'ip',
  'detail',
  'id',
  'chain',
  'seq',
  'hash_alg',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditLogRow)[];

// A cell a spreadsheet would read as a formula (or a DDE call) is made plain text with a quote.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180), guarded against formula injection. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV with a header, CRLF lines and a BOM (so Excel reads the UTF-8 as such). */
export function auditCsv(rows: readonly AuditLogRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
