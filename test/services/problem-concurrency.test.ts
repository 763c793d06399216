import { beforeAll, expect, it } from 'vitest';
import { replay } from '../../src/core/problem.lifecycle.js';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

describeEachEngine('problems under concurrent writers', (get) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });

  it('lets exactly one of several writers with the same version win; the others get 412', async () => {
    const p = (
      await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: '并发督促' }))
    ).json();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        w.as('office')('POST', `/problems/${p.id}/urge`, { text: `督促${i}` }, { 'if-match': '"1"' }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412, 412, 412, 412, 412]);
    const events = await eventsOf(get().db, p.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('creates once when retries with one Idempotency-Key race', async () => {
    const body = newProblem(w.campaignId, { title: '并发重试' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        w.as('office')('POST', '/problems', body, { 'idempotency-key': 'race-key-123456' }),
      ),
    );
    const ids = new Set(results.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const found = (await w.as('office')('GET', `/problems?q=${encodeURIComponent('并发重试')}`)).json();
    expect(found.items).toHaveLength(1);
  });

  it('keeps an intact hash chain whose replay gives the stored projection', async () => {
    const p = (
      await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: '回放校验' }))
    ).json();
    await w.as('office')(
      'POST',
      `/problems/${p.id}/assign`,
      { leadUnitId: w.units.gzlBureau.id, deadline: '2020-12-31' },
      { 'if-match': '"1"' },
    );
    await w.as('clerk')('POST', `/problems/${p.id}/acknowledge`, {}, { 'if-match': '"2"' });
    const rows = await eventsOf(get().db, p.id);
    expect(firstBrokenLink(rows)).toBeNull();
    const replayed = replay(
      rows.map((e) => ({
        type: e.type,
        payload: JSON.parse(e.payload),
        at: e.occurred_at,
        actorId: e.actor_id,
      })) as never,
    );
    const stored = await get()
      .db.selectFrom('problems')
      .select('state')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(replayed).toEqual(JSON.parse(stored.state));
    const tampered = rows.map((r, i) =>
      i === 1 ? { ...r, payload: r.payload.replace('2020-12-31', '2021-12-31') } : r,
    );
    expect(firstBrokenLink(tampered)).toBe(2);
  });
});
