import { v7 as uuidv7 } from 'uuid';
import { formatLedgerCode } from '../../src/core/ledger-code.js';
import { decide, type RegisterProblemInput, registerProblem } from '../../src/core/problem.lifecycle.js';
import type { Decision, ProblemState } from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { addWorkingDays, todayInShanghai } from '../../src/core/working-days.js';
import { eventHash, GENESIS_HASH } from '../../src/db/event.repository.js';
import { problemColumns } from '../../src/db/problem.repository.js';
import type { Store } from './store.js';

const insertSql = (table: string, row: object) =>
  `INSERT INTO ${table} (${Object.keys(row).join(',')}) VALUES (${Object.keys(row)
    .map(() => '?')
    .join(',')})`;

async function appendEvent(s: Store, d: Decision, actor: string, prevHash: string) {
  const base = {
    id: uuidv7(),
    aggregate_type: 'problem',
    aggregate_id: d.next.id,
    seq: d.next.version,
    type: d.event.type,
    actor_id: actor,
    occurred_at: d.next.updatedAt,
    payload: JSON.stringify(d.event.payload),
  };
  const row = { ...base, prev_hash: prevHash, hash: eventHash(prevHash, base) };
  await s.all(insertSql('events', row), Object.values(row));
}

/** Register: ledger number, projection row and first event in one transaction. */
export function createProblem(store: Store, actor: string, body: Record<string, unknown>) {
  return store.tx(async (s) => {
    const [region] = await s.all('SELECT province_code, city_code, county_code FROM regions WHERE code = ?', [
      body.regionCode,
    ]);
    if (!region) return null;
    const now = new Date().toISOString();
    const year = Number(todayInShanghai(now).slice(0, 4));
    const prefix = region.province_code as string;
    let [seq] = await s.all(
      'UPDATE ledger_sequences SET last_value = last_value + 1 WHERE prefix = ? AND year = ? RETURNING last_value',
      [prefix, year],
    );
    if (!seq) {
      await s.all('INSERT INTO ledger_sequences (prefix, year, last_value) VALUES (?, ?, 1)', [prefix, year]);
      seq = { last_value: 1 };
    }
    const d = registerProblem(
      {
        ...(body as object as RegisterProblemInput),
        id: uuidv7(),
        code: formatLedgerCode(prefix, year, Number(seq.last_value)),
      },
      { now, actor: { userId: actor } },
    );
    const row = problemColumns(d.next, region as never, false);
    await s.all(insertSql('problems', row), Object.values(row));
    await appendEvent(s, d, actor, GENESIS_HASH);
    return d.next;
  });
}

/** Urge with compare-and-set on the version; null when the version is stale. */
export function urgeProblem(store: Store, actor: string, id: string, version: number, text: string) {
  return store.tx(async (s) => {
    const [row] = await s.all('SELECT state, version FROM problems WHERE id = ?', [id]);
    if (!row || Number(row.version) !== version) return null;
    const state = JSON.parse(row.state as string) as ProblemState;
    const now = new Date().toISOString();
    const ctx = {
      now,
      today: todayInShanghai(now),
      rules: DEFAULT_RULES,
      actor: { userId: actor, unit: null, workGroupIds: [], isProvinceOffice: true },
      leadUnit: null,
      campaignWorkGroupIds: [],
      addWorkingDays,
    };
    const d = decide(state, { type: 'urge', text }, ctx);
    const changed = await s.all(
      'UPDATE problems SET version = ?, updated_at = ?, state = ? WHERE id = ? AND version = ? RETURNING id',
      [d.next.version, d.next.updatedAt, JSON.stringify(d.next), id, version],
    );
    if (!changed.length) return null;
    const [prev] = await s.all('SELECT hash FROM events WHERE aggregate_id = ? AND seq = ?', [id, version]);
    await appendEvent(s, d, actor, prev!.hash as string);
    return d.next;
  });
}
