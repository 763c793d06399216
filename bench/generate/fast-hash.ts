import { hash } from 'node:crypto';
import { eventHash } from '../../src/db/event.repository.js';
import type { EventRow } from '../../src/db/schema.js';

/**
 * The same bytes as src's canonicalJson for JSON data, without its per-object entries, filter
 * and map: hashing was a third of the generator's time. `hashedEvent` proves the two agree on
 * a sample of events, so the stored chain is exactly the one `eventHash` verifies.
 */
function canon(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + canon(v[i]);
    return `${s}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      inOrder = false;
      break;
    }
  let s = '{';
  for (const k of keys) {
    if (o[k] === undefined) {
      inOrder = false;
      continue;
    }
    // Keys are identifiers here (no escaping); the 50th-event check would catch one that is not.
    s += `${s.length > 1 ? ',' : ''}"${k}":${canon(o[k])}`;
  }
  return `${s}}`;
}

/** Whether the last canon() met every key already in order (then it equals JSON.stringify). */
let inOrder = true;

type Unhashed = Omit<EventRow, 'hash' | 'prev_hash' | 'payload'>;

let counter = 0;

/**
 * The event row with its payload and hash. The payload is stored as src stores it
 * (JSON.stringify: replay must rebuild the state's key order exactly); every 50th hash is also
 * computed by src's eventHash from the stored row and must be equal.
 */
export function hashedEvent(prevHash: string, e: Unhashed, payload: unknown): EventRow {
  inOrder = true;
  const json = canon(payload);
  // Ids, instants and type names need no escaping; the 50th-event check would catch one that did.
  const text =
    `${prevHash}\n{"actor_id":"${e.actor_id}","aggregate_id":"${e.aggregate_id}",` +
    `"aggregate_type":"${e.aggregate_type}","id":"${e.id}","occurred_at":"${e.occurred_at}",` +
    `"payload":${json},"seq":${e.seq},"type":"${e.type}"}`;
  const row: EventRow = {
    id: e.id,
    aggregate_type: e.aggregate_type,
    aggregate_id: e.aggregate_id,
    seq: e.seq,
    type: e.type,
    actor_id: e.actor_id,
    occurred_at: e.occurred_at,
    payload: inOrder ? json : JSON.stringify(payload),
    prev_hash: prevHash,
    hash: hash('sha256', text),
  };
  if (counter++ % 50 === 0) {
    const { prev_hash, hash: h, ...base } = row;
    if (eventHash(prev_hash, base) !== h)
      throw new Error(`fast hash differs from eventHash for event ${e.id}`);
  }
  return row;
}
