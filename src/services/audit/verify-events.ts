import { type Kysely, sql } from 'kysely';
import { firstBrokenLink } from '../../db/event.repository.js';
import type { DB, EventRow } from '../../db/schema.js';
import type { BrokenLink } from './audit.verify.js';
import type { EventRecord } from './verify-log.js';

const BATCH = 5000;

/**
 * Every aggregate's event chain, and each event against its audit record: `records` (by event
 * id) is consumed, so what is left names events the audit trail saw but the table lost.
 */
export async function verifyEventChains(db: Kysely<DB>, records: Map<string, EventRecord>) {
  const broken: BrokenLink[] = [];
  let events = 0;
  let aggregates = 0;
  let group: EventRow[] = [];
  const check = () => {
    if (!group.length) return;
    aggregates++;
    checkAggregate(group, records, broken);
    group = [];
  };
  let after: { aggregateId: string; seq: number } | undefined;
  for (;;) {
    const batch = await db
      .selectFrom('events')
      .selectAll()
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('aggregate_id', '>', after!.aggregateId),
            eb.and([eb('aggregate_id', '=', after!.aggregateId), eb('seq', '>', after!.seq)]),
          ]),
        ),
      )
      .orderBy('aggregate_id')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of batch) {
      if (group.length && group[0]!.aggregate_id !== row.aggregate_id) check();
      group.push(row);
    }
    events += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) break;
    after = { aggregateId: last.aggregate_id, seq: last.seq };
  }
  check();
  for (const [id, r] of records) {
    broken.push({
      table: 'events',
      chain: r.aggregateId ?? '?',
      id,
      seq: r.eventSeq,
      reason: 'in the audit trail but missing from events (deleted)',
    });
  }
  return { broken, events, aggregates };
}

function checkAggregate(rows: EventRow[], records: Map<string, EventRecord>, broken: BrokenLink[]): void {
  const chain = rows[0]!.aggregate_id;
  const at = firstBrokenLink(rows);
  if (at !== null) {
    const row = rows[at - 1];
    const present = row?.seq === at;
    broken.push({
      table: 'events',
      chain,
      id: present ? row.id : null,
      seq: at,
      reason: present
        ? 'event altered after it was written'
        : `event ${at} missing (deleted?)${row ? `; next present is seq ${row.seq} (${row.id})` : ''}`,
    });
  }
  for (const row of rows) {
    const record = records.get(row.id);
    records.delete(row.id);
    if (!record)
      broken.push({ table: 'events', chain, id: row.id, seq: row.seq, reason: 'event has no audit record' });
    else if (record.eventHash !== row.hash || record.eventSeq !== row.seq)
      broken.push({
        table: 'events',
        chain,
        id: row.id,
        seq: row.seq,
        reason: 'event differs from its audit record',
      });
  }
}

/**
 * A problem's or complaint's version counts its events: a lower count means its latest events
 * were deleted (or the projection was edited).
 */
export async function verifyProjectionVersions(db: Kysely<DB>): Promise<BrokenLink[]> {
  const broken: BrokenLink[] = [];
  for (const [table, type] of [
    ['problems', 'problem'],
    ['complaints', 'complaint'],
  ] as const) {
    const { rows } = await sql<{ id: string; version: number; events: number | string }>`
      select p.id, p.version, count(e.id) as events from ${sql.table(table)} p
      left join events e on e.aggregate_id = p.id and e.aggregate_type = ${type}
      group by p.id, p.version having count(e.id) <> p.version`.execute(db);
    for (const r of rows)
      broken.push({
        table,
        chain: r.id,
        id: r.id,
        seq: Math.min(Number(r.events), r.version) + 1,
        reason: `version ${r.version} but ${Number(r.events)} events: events deleted or the projection edited`,
      });
  }
  return broken;
}
