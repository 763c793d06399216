import { type Kysely, sql } from 'kysely';
import { replay } from '../../src/core/problem.lifecycle.js';
import { eventsOf, firstBrokenLink } from '../../src/db/event.repository.js';
import { problemColumns } from '../../src/db/problem.repository.js';
import type { DB } from '../../src/db/schema.js';

/**
 * Checks a sample of the loaded problems with src's own code: the event chain has no broken
 * link, and replaying the events rebuilds exactly the stored projection row.
 */
export async function verifySample(db: Kysely<DB>, n: number): Promise<void> {
  const rows = await db.selectFrom('problems').selectAll().orderBy(sql`random()`).limit(n).execute();
  for (const row of rows) {
    const events = await eventsOf(db, row.id);
    const broken = firstBrokenLink(events);
    if (broken !== null) throw new Error(`${row.code}: event chain broken at seq ${broken}`);
    const state = replay(
      events.map((e) => ({
        type: e.type,
        payload: JSON.parse(e.payload),
        at: e.occurred_at,
        actorId: e.actor_id,
      })),
    );
    if (!state) throw new Error(`${row.code}: no events`);
    const rebuilt = problemColumns(state, row, row.illustrative === 1);
    for (const [k, v] of Object.entries(rebuilt)) {
      if (String(v) !== String(row[k as keyof typeof row]))
        throw new Error(`${row.code}: ${k} differs from the replayed events`);
    }
  }
}

/** A sample of complaints: unbroken chains, a version equal to the event count, a sealed complainant unless anonymous. */
export async function verifyComplaintSample(db: Kysely<DB>, n: number): Promise<void> {
  const rows = await db.selectFrom('complaints').selectAll().orderBy(sql`random()`).limit(n).execute();
  for (const row of rows) {
    const events = await eventsOf(db, row.id);
    const broken = firstBrokenLink(events);
    if (broken !== null) throw new Error(`complaint ${row.id}: event chain broken at seq ${broken}`);
    if (events.length !== row.version)
      throw new Error(`complaint ${row.id}: version ${row.version}, ${events.length} events`);
    const sealed = await db
      .selectFrom('complainant_identities')
      .select('complaint_id')
      .where('complaint_id', '=', row.id)
      .executeTakeFirst();
    if (Boolean(sealed) === (row.anonymous === 1))
      throw new Error(`complaint ${row.id}: identity does not match anonymous`);
  }
}
