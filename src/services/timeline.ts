import { eventsOf } from '../db/event.repository.js';
import type { ServiceContext } from './context.js';

export interface TimelineEvent {
  id: string;
  seq: number;
  type: string;
  actorId: string;
  actorName: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  hash: string;
}

/** An aggregate's events, oldest first, with the names of who acted (read after a policy check). */
export async function timelineOf(ctx: ServiceContext, aggregateId: string): Promise<TimelineEvent[]> {
  const events = await eventsOf(ctx.db, aggregateId);
  const actorIds = [...new Set(events.map((e) => e.actor_id))];
  const users = actorIds.length
    ? await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute()
    : [];
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  return events.map((e) => ({
    id: e.id,
    seq: e.seq,
    type: e.type,
    actorId: e.actor_id,
    actorName: names.get(e.actor_id) ?? null,
    occurredAt: e.occurred_at,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
    hash: e.hash,
  }));
}
