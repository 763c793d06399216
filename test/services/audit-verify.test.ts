import { beforeAll, describe, expect, it } from 'vitest';
import { auditRowHash } from '../../src/db/audit.repository.js';
import type { Database } from '../../src/db/database.js';
import { eventsOf } from '../../src/db/event.repository.js';
import { sealAudit } from '../../src/services/audit/audit.seal.js';
import { recordAudit } from '../../src/services/audit/audit.service.js';
import { formatReport, type VerifyReport, verifyAuditTrail } from '../../src/services/audit/audit.verify.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';
import { tamper } from './audit.tamper.js';

const AT = new Date('2021-03-01T08:00:00Z');

async function signIns(db: Database['db'], actorId: string, n: number) {
  for (let i = 0; i < n; i++)
    await recordAudit(
      db,
      { actorId, action: 'auth.sign_in', outcome: 'success', detail: { attempt: i } },
      AT,
    );
}

const chainRows = (db: Database['db'], chain: string) =>
  db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').execute();

describeEachEngine('duban audit verify', (get) => {
  let w: ProblemWorld;
  const p: Record<'edited' | 'headless' | 'truncated', string> = { edited: '', headless: '', truncated: '' };

  async function registerAndAssign(title: string): Promise<string> {
    const created = (await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title }))).json();
    const assign = { leadUnitId: w.units.gzlBureau.id, deadline: '2020-12-31' };
    await w.as('office')('POST', `/problems/${created.id}/assign`, assign, { 'if-match': '"1"' });
    return created.id;
  }

  beforeAll(async () => {
    w = await problemWorld(get());
    p.edited = await registerAndAssign('被改动的问题');
    p.headless = await registerAndAssign('被删首条事件的问题');
    p.truncated = await registerAndAssign('被删末条事件的问题');
    for (const actor of ['amy', 'ben', 'dan', 'eve']) await signIns(get().db, actor, 3);
  });

  it('finds an untouched trail intact, then seals it (and has nothing new to seal twice)', async () => {
    const report = await verifyAuditTrail(get().db);
    expect(report.broken).toEqual([]);
    expect(report.counts.events).toBeGreaterThanOrEqual(6);
    const first = await sealAudit(get().db, AT);
    expect(first).toMatchObject({ seq: 1 });
    expect(JSON.parse(first!.heads)['actor:amy']).toEqual([3, expect.any(String)]);
    expect(await sealAudit(get().db, AT)).toBeNull();
  });

  describe('after rows were edited and deleted directly in the database', () => {
    let report: VerifyReport;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const { db } = get();
      if (!(await db.selectFrom('audit_checkpoints').select('id').executeTakeFirst()))
        await sealAudit(db, AT);
      await signIns(db, 'cat', 3); // not sealed yet
      const events = async (id: string) => eventsOf(db, id);
      const [editedEvents, headlessEvents, truncatedEvents] = await Promise.all(
        [p.edited, p.headless, p.truncated].map(events),
      );
      ids.editedEvent = editedEvents![1]!.id;
      ids.headlessEvent = headlessEvents![0]!.id;
      ids.truncatedEvent = truncatedEvents![1]!.id;
      const [amy, ben, cat, dan, eve] = await Promise.all(
        ['amy', 'ben', 'cat', 'dan', 'eve'].map((a) => chainRows(db, `actor:${a}`)),
      );
      ids.amy2 = amy![1]!.id;
      ids.ben2 = ben![1]!.id;
      // Dan's last sealed record is rewritten *and* re-hashed: the chain alone looks intact.
      const dan3 = { ...dan![2]!, outcome: 'failure' };
      ids.dan3 = dan3.id;
      const dan3Hash = auditRowHash(dan3);
      await tamper(get(), [
        `update events set payload = '{"title":"改过的标题"}' where id = '${ids.editedEvent}'`,
        `delete from events where id = '${ids.headlessEvent}'`,
        `delete from events where id = '${ids.truncatedEvent}'`,
        `update audit_log set outcome = 'denied' where id = '${ids.amy2}'`,
        `delete from audit_log where id = '${ids.ben2}'`,
        `delete from audit_log where id = '${cat![2]!.id}'`,
        `update audit_log set outcome = 'failure', hash = '${dan3Hash}' where id = '${ids.dan3}'`,
        `update audit_heads set hash = '${dan3Hash}' where chain = 'actor:dan'`,
        // Eve's sealed last record goes, and the head is wound back to hide it.
        `delete from audit_log where id = '${eve![2]!.id}'`,
        `update audit_heads set seq = 2, hash = '${eve![1]!.hash}' where chain = 'actor:eve'`,
        `update audit_checkpoints set sealed_at = '2021-01-01T00:00:00.000Z' where seq = 1`,
      ]);
      report = await verifyAuditTrail(db);
    });

    it.each([
      ['an edited event', () => ({ table: 'events', chain: p.edited, seq: 2, id: ids.editedEvent })],
      [
        'a deleted first event',
        () => ({ table: 'events', chain: p.headless, seq: 1, id: ids.headlessEvent }),
      ],
      [
        'a deleted last event',
        () => ({ table: 'events', chain: p.truncated, seq: 2, id: ids.truncatedEvent }),
      ],
      ['the projection ahead of its events', () => ({ table: 'problems', chain: p.truncated, seq: 2 })],
      ['the other projection ahead of its events', () => ({ table: 'problems', chain: p.headless, seq: 2 })],
      ['an edited audit record', () => ({ table: 'audit_log', chain: 'actor:amy', seq: 2, id: ids.amy2 })],
      ['a deleted audit record', () => ({ table: 'audit_log', chain: 'actor:ben', seq: 2, id: null })],
      ['a deleted unsealed last record', () => ({ table: 'audit_log', chain: 'actor:cat', seq: 3 })],
      [
        'a deleted sealed last record',
        () => ({
          table: 'audit_log',
          chain: 'actor:eve',
          seq: 3,
          reason: 'record 3 deleted: checkpoints sealed up to 3',
        }),
      ],
      [
        'a re-hashed record that no longer matches its seal',
        () => ({ table: 'audit_log', chain: 'actor:dan', seq: 3 }),
      ],
      ['an edited checkpoint', () => ({ table: 'audit_checkpoints', chain: 'checkpoints', seq: 1 })],
    ])('names %s with its table, chain, seq and id', (_what, expected) => {
      expect(report.broken).toContainEqual(expect.objectContaining(expected()));
    });

    it('reports one first broken link per chain and nothing that was not touched', () => {
      expect(report.ok).toBe(false);
      expect(report.broken).toHaveLength(11);
      const lines = formatReport(report);
      expect(lines).toContain(
        `BROKEN audit_log chain=actor:amy seq=2 id=${ids.amy2}: record altered after it was written`,
      );
      expect(lines.at(-1)).toBe('11 broken chain(s)');
    });
  });
});
