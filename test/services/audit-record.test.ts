import { type Kysely, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { expect, it } from 'vitest';
import { auditChainOf, auditRowHash } from '../../src/db/audit.repository.js';
import { appendEvent, type NewEvent } from '../../src/db/event.repository.js';
import type { DB } from '../../src/db/schema.js';
import { sealAudit } from '../../src/services/audit/audit.seal.js';
import { recordAudit } from '../../src/services/audit/audit.service.js';
import { describeEachEngine } from '../support/engines.js';

const AT = new Date('2021-03-01T08:00:00Z');
const chainOf = (db: Kysely<DB>, chain: string) =>
  db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').execute();
const registered: NewEvent = {
  id: '',
  aggregateType: 'problem',
  aggregateId: 'agg-1',
  seq: 1,
  type: 'problem.registered',
  actorId: 'clerk',
  occurredAt: AT.toISOString(),
  payload: { title: '某问题' },
};

describeEachEngine('recording audit entries', (getDb) => {
  it('chains each actor’s entries with gap-free seqs, each row hashed with its recorded algorithm', async () => {
    const { db } = getDb();
    await recordAudit(db, { actorId: 'u-1', action: 'auth.sign_in', outcome: 'success', ip: '10.0.0.1' }, AT);
    await recordAudit(db, { actorId: 'u-2', action: 'auth.sign_in', outcome: 'success' }, AT);
    await recordAudit(
      db,
      {
        actorId: 'u-1',
        action: 'pii.read',
        resourceType: 'complaint',
        resourceId: 'c-9',
        outcome: 'success',
      },
      AT,
      { hashAlgorithm: 'sm3' },
    );
    // The sign-in (no resource) is on lane 0; complaint c-9 happens to hash to lane 0 too.
    expect(auditChainOf('u-1', null, { type: 'complaint', id: 'c-9' })).toBe('actor:u-1');
    const rows = await chainOf(db, 'actor:u-1');
    expect(rows.map((r) => [r.seq, r.action, r.hash_alg])).toEqual([
      [1, 'auth.sign_in', 'sha256'],
      [2, 'pii.read', 'sm3'],
    ]);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    for (const r of rows) expect(auditRowHash(r)).toBe(r.hash);
    expect((await chainOf(db, 'actor:u-2')).map((r) => r.seq)).toEqual([1]);
  });

  it('puts entries without an actor on anonymous lanes chosen by client address', async () => {
    const { db } = getDb();
    const ip = '10.0.0.9';
    await recordAudit(db, { actorId: null, action: 'auth.sign_in_failed', outcome: 'failure', ip }, AT);
    await recordAudit(db, { actorId: null, action: 'auth.sign_in_failed', outcome: 'failure', ip }, AT);
    expect(auditChainOf(null, ip)).toMatch(/^anonymous:[0-7]$/);
    const rows = await chainOf(db, auditChainOf(null, ip));
    expect(rows.map((r) => [r.seq, r.actor_id, r.ip, r.detail])).toEqual([
      [1, null, ip, '{}'],
      [2, null, ip, '{}'],
    ]);
  });

  it('keeps one actor’s chain gap-free under concurrent writers', async () => {
    const { db } = getDb();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordAudit(db, { actorId: 'busy', action: 'token.used', outcome: 'success', detail: { n: i } }, AT),
      ),
    );
    expect((await chainOf(db, 'actor:busy')).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('spreads one actor’s records over lanes by resource, each lane chained without gaps', async () => {
    const { db } = getDb();
    const problems = Array.from({ length: 24 }, (_, i) => `lane-${i}`);
    // Three rounds of concurrent events on 24 problems by one actor, as many sessions would.
    for (let seq = 1; seq <= 3; seq++)
      await Promise.all(
        problems.map((id) =>
          db
            .transaction()
            .execute((trx) =>
              appendEvent(trx, { ...registered, id: uuidv7(), aggregateId: id, seq, actorId: 'many' }),
            ),
        ),
      );
    const chains = new Set(problems.map((id) => auditChainOf('many', null, { type: 'problem', id })));
    expect(chains.size).toBeGreaterThan(3);
    for (const c of chains) expect(c).toMatch(/^actor:many(\/[1-7])?$/);
    let total = 0;
    for (const chain of chains) {
      const rows = await chainOf(db, chain);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      rows.forEach((r, i) => {
        expect(r.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash);
        expect(auditRowHash(r)).toBe(r.hash);
        expect(auditChainOf('many', null, { type: r.resource_type, id: r.resource_id })).toBe(chain);
      });
      // One problem's records stay in order within its lane.
      for (const id of problems) {
        const mine = rows.filter((r) => r.resource_id === id).map((r) => JSON.parse(r.detail).eventSeq);
        expect(mine).toEqual([...mine].sort((a, b) => a - b));
      }
      const head = await db
        .selectFrom('audit_heads')
        .selectAll()
        .where('chain', '=', chain)
        .executeTakeFirst();
      expect(head).toEqual({ chain, seq: rows.length, hash: rows.at(-1)!.hash });
      total += rows.length;
    }
    expect(total).toBe(problems.length * 3);
  });

  it('writes nothing when the caller’s transaction rolls back, and fails the action when it cannot write', async () => {
    const { db } = getDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actorId: 'rolled', action: 'problem.assigned', outcome: 'success' }, AT);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await chainOf(db, 'actor:rolled')).toEqual([]);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ledger_sequences')
          .values({ prefix: 'AUD', year: 2021, last_value: 1 })
          .execute();
        await recordAudit(trx, { actorId: 'x', action: 'Not An Action', outcome: 'success' }, AT);
      }),
    ).rejects.toThrow(/audit entry refused/);
    expect(await db.selectFrom('ledger_sequences').selectAll().where('prefix', '=', 'AUD').execute()).toEqual(
      [],
    );
  });

  it('refuses secrets and personal data in the detail', async () => {
    const { db } = getDb();
    const bad: Record<string, unknown>[] = [
      { password: 'x' },
      { totpSecret: 'x' },
      { nested: { contact_phone: '1' } },
      { note: '举报人电话 13912345678' },
      { note: '身份证 22010219800101123X' },
      { to: 'someone@example.cn' },
    ];
    for (const detail of bad)
      await expect(
        recordAudit(db, { actorId: 'p', action: 'pii.read', outcome: 'success', detail }, AT),
      ).rejects.toThrow(/audit entry refused/);
    await recordAudit(
      db,
      {
        actorId: 'p',
        action: 'problem.assigned',
        outcome: 'success',
        detail: { eventHash: 'ab'.repeat(32), seq: 3 },
      },
      AT,
    );
    expect(await chainOf(db, 'actor:p')).toHaveLength(1);
  });

  it('audits every change event in its transaction, naming the event’s seq and hash', async () => {
    const { db } = getDb();
    const event = await db.transaction().execute((trx) => appendEvent(trx, { ...registered, id: uuidv7() }));
    const chain = auditChainOf('clerk', null, { type: 'problem', id: 'agg-1' });
    expect(chain).toMatch(/^actor:clerk(\/[1-7])?$/);
    const [row] = await chainOf(db, chain);
    expect(row).toMatchObject({
      id: event.id,
      action: 'problem.registered',
      resource_type: 'problem',
      resource_id: 'agg-1',
    });
    expect(JSON.parse(row!.detail)).toEqual({ eventSeq: 1, eventHash: event.hash });
  });

  it('refuses UPDATE and DELETE of events, audit records and checkpoints, for anyone', async () => {
    const { db } = getDb();
    await db
      .transaction()
      .execute((trx) =>
        appendEvent(trx, { ...registered, id: uuidv7(), aggregateId: 'agg-guarded', actorId: 'guard' }),
      );
    expect(await sealAudit(db, AT)).not.toBeNull();
    for (const table of ['events', 'audit_log', 'audit_checkpoints']) {
      await expect(sql.raw(`update ${table} set id = id`).execute(db)).rejects.toThrow(/append-only/);
      await expect(sql.raw(`delete from ${table}`).execute(db)).rejects.toThrow(/append-only/);
    }
    expect(
      Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
  });
});
