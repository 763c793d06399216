import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { verifyEventChains, verifyProjectionVersions } from './verify-events.js';
import { verifyAuditLog } from './verify-log.js';

/** The first place a chain stops matching: which table, which chain, which row and seq. */
export interface BrokenLink {
  table: 'events' | 'problems' | 'complaints' | 'audit_log' | 'audit_checkpoints';
  /** The aggregate id (events, problems), the audit chain, or 'checkpoints'. */
  chain: string;
  /** The row found where the link broke (null when it is missing altogether). */
  id: string | null;
  seq: number;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  /** At most one per chain: the first broken link. */
  broken: BrokenLink[];
  counts: { events: number; aggregates: number; auditRows: number; auditChains: number; checkpoints: number };
}

/**
 * Checks everything that can be checked without trusting the database: every event chain, that
 * each problem's version equals its number of events, that events and their audit records agree,
 * every audit chain, and the checkpoint chain and the heads it sealed.
 */
export async function verifyAuditTrail(db: Kysely<DB>): Promise<VerifyReport> {
  // One snapshot (repeatable read; a read transaction on SQLite's WAL), so events written while
  // verify runs are not mistaken for events without an audit record.
  if (db.isTransaction) return verifySnapshot(db);
  return db.transaction().setIsolationLevel('repeatable read').execute(verifySnapshot);
}

async function verifySnapshot(db: Kysely<DB>): Promise<VerifyReport> {
  const log = await verifyAuditLog(db);
  const events = await verifyEventChains(db, log.eventRecords);
  const versions = await verifyProjectionVersions(db);
  const broken = firstPerChain([...events.broken, ...versions, ...log.broken]);
  return {
    ok: broken.length === 0,
    broken,
    counts: {
      events: events.events,
      aggregates: events.aggregates,
      auditRows: log.rows,
      auditChains: log.chains,
      checkpoints: log.checkpoints,
    },
  };
}

function firstPerChain(links: BrokenLink[]): BrokenLink[] {
  const first = new Map<string, BrokenLink>();
  for (const l of links) {
    const key = `${l.table}\u0000${l.chain}`;
    const seen = first.get(key);
    // On a tie, the finding that names a row (e.g. a deleted event known from its audit record).
    if (!seen || l.seq < seen.seq || (l.seq === seen.seq && !seen.id && l.id)) first.set(key, l);
  }
  return [...first.values()].sort(
    (a, b) => a.table.localeCompare(b.table) || a.chain.localeCompare(b.chain) || a.seq - b.seq,
  );
}

/** The report as the command prints it: one line per broken chain. */
export function formatReport(r: VerifyReport): string[] {
  const c = r.counts;
  const lines = [
    `${c.events} events in ${c.aggregates} chains; ${c.auditRows} audit records in ${c.auditChains} chains; ${c.checkpoints} checkpoints`,
  ];
  for (const b of r.broken)
    lines.push(`BROKEN ${b.table} chain=${b.chain} seq=${b.seq} id=${b.id ?? '-'}: ${b.reason}`);
  lines.push(r.ok ? 'intact: every chain verifies' : `${r.broken.length} broken chain(s)`);
  return lines;
}
