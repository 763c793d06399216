import type { Kysely } from 'kysely';
import { AUDIT_GENESIS_HASH, auditRowHash, isAuditHashAlgorithm } from '../../db/audit.repository.js';
import type { AuditCheckpointRow, AuditLogRow } from '../../db/schema.audit.js';
import type { DB } from '../../db/schema.js';
import { checkpointHash, type SealedHeads } from './audit.seal.js';
import type { BrokenLink } from './audit.verify.js';

/** What an event's audit record says about it (appendEvent writes one per event, same id). */
export interface EventRecord {
  aggregateId: string | null;
  eventSeq: number;
  eventHash: string;
}

/** chain → seq → [sealed hash, checkpoint seq]. */
type Sealed = Map<string, Map<number, [string, number]>>;

const BATCH = 2000;

/** Walks the checkpoint chain, then every audit chain against itself and against the seals. */
export async function verifyAuditLog(db: Kysely<DB>) {
  const broken: BrokenLink[] = [];
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const sealed = verifyCheckpoints(checkpoints, broken);
  const heads = new Map(
    (await db.selectFrom('audit_heads').select(['chain', 'seq']).execute()).map((h) => [h.chain, h.seq]),
  );
  const eventRecords = new Map<string, EventRecord>();
  const walker = chainWalker(sealed, heads, broken);
  let rows = 0;
  let after: { chain: string; seq: number } | undefined;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('chain', '>', after!.chain),
            eb.and([eb('chain', '=', after!.chain), eb('seq', '>', after!.seq)]),
          ]),
        ),
      )
      .orderBy('chain')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of batch) {
      walker.visit(row);
      collectEventRecord(row, eventRecords);
    }
    rows += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) break;
    after = { chain: last.chain, seq: last.seq };
  }
  const chains = walker.finish();
  return { broken, rows, chains, checkpoints: checkpoints.length, eventRecords };
}

function verifyCheckpoints(checkpoints: AuditCheckpointRow[], broken: BrokenLink[]): Sealed {
  const sealed: Sealed = new Map();
  let prev = AUDIT_GENESIS_HASH;
  let expected = 1;
  let intact = true;
  for (const cp of checkpoints) {
    let heads: SealedHeads | undefined;
    try {
      heads = JSON.parse(cp.heads) as SealedHeads;
    } catch {}
    const reason =
      cp.seq !== expected
        ? `checkpoint ${expected} missing (deleted?); next present is ${cp.seq}`
        : cp.prev_hash !== prev
          ? 'does not link to the previous checkpoint'
          : !isAuditHashAlgorithm(cp.hash_alg) || !heads || checkpointHash(cp) !== cp.hash
            ? 'checkpoint altered after it was sealed'
            : null;
    if (intact && reason) {
      broken.push({ table: 'audit_checkpoints', chain: 'checkpoints', id: cp.id, seq: expected, reason });
      intact = false;
    }
    for (const [chain, [seq, hash]] of Object.entries(heads ?? {})) {
      if (!sealed.has(chain)) sealed.set(chain, new Map());
      sealed.get(chain)!.set(seq, [hash, cp.seq]);
    }
    prev = cp.hash;
    expected = cp.seq + 1;
  }
  return sealed;
}

function chainWalker(sealed: Sealed, heads: Map<string, number>, broken: BrokenLink[]) {
  const seen = new Set<string>();
  let st: { chain: string; expected: number; prev: string; ok: boolean } | undefined;
  const fail = (chain: string, seq: number, id: string | null, reason: string) => {
    broken.push({ table: 'audit_log', chain, id, seq, reason });
    if (st) st.ok = false;
  };
  const close = () => {
    if (!st?.ok) return;
    const last = st.expected - 1;
    const sealedTo = Math.max(0, ...(sealed.get(st.chain)?.keys() ?? []));
    const head = heads.get(st.chain) ?? 0;
    const lost = (to: number) => (to === last + 1 ? `record ${to}` : `records ${last + 1}…${to}`);
    if (sealedTo > last)
      fail(st.chain, last + 1, null, `${lost(sealedTo)} deleted: checkpoints sealed up to ${sealedTo}`);
    else if (head > last)
      fail(st.chain, last + 1, null, `${lost(head)} deleted: the chain head is at ${head}`);
  };
  return {
    visit(row: AuditLogRow) {
      if (row.chain !== st?.chain) {
        close();
        st = { chain: row.chain, expected: 1, prev: AUDIT_GENESIS_HASH, ok: true };
        seen.add(row.chain);
      }
      if (!st.ok) return;
      const seal = sealed.get(row.chain)?.get(row.seq);
      const reason =
        row.seq !== st.expected
          ? `record ${st.expected} missing (deleted?); next present is seq ${row.seq} (${row.id})`
          : row.prev_hash !== st.prev
            ? 'does not link to the previous record'
            : !isAuditHashAlgorithm(row.hash_alg) || auditRowHash(row) !== row.hash
              ? 'record altered after it was written'
              : seal && seal[0] !== row.hash
                ? `differs from checkpoint ${seal[1]}: the chain was rewritten up to here`
                : null;
      if (reason) return fail(row.chain, st.expected, row.seq === st.expected ? row.id : null, reason);
      st.prev = row.hash;
      st.expected++;
    },
    /** Closes the last chain; reports chains sealed or headed but without any record left. */
    finish(): number {
      close();
      for (const chain of new Set([...sealed.keys(), ...heads.keys()]))
        if (!seen.has(chain)) fail(chain, 1, null, 'every record of this chain deleted');
      return seen.size;
    },
  };
}

function collectEventRecord(row: AuditLogRow, into: Map<string, EventRecord>): void {
  let detail: { eventSeq?: unknown; eventHash?: unknown };
  try {
    detail = JSON.parse(row.detail);
  } catch {
    return;
  }
  if (typeof detail.eventHash === 'string' && typeof detail.eventSeq === 'number')
    into.set(row.id, {
      aggregateId: row.resource_id,
      eventSeq: detail.eventSeq,
      eventHash: detail.eventHash,
    });
}
