import { eventsOf } from '../db/event.repository.js';
import type { EventRow } from '../db/schema.js';
import type { ServiceContext } from './context.js';
import { userNames } from './reference-names.js';

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

/** A timeline as the API sends it, and what it was made from (to tell when it still holds). */
export interface KeptTimeline {
  view: { items: TimelineEvent[] };
  events: readonly EventRow[];
  names: ReadonlyMap<string, string>;
}

/** An aggregate's events, oldest first, with the names of who acted (read after a policy check). */
export async function timelineOf(ctx: ServiceContext, aggregateId: string): Promise<TimelineEvent[]> {
  return (await timelineFrom(ctx, await eventsOf(ctx.db, aggregateId))).view.items;
}

/**
 * The timeline of these events: `kept` itself (the same object, whose serialised body the route
 * keeps) when it was made from them and the names of who acted have not changed since.
 */
export async function timelineFrom(
  ctx: ServiceContext,
  events: readonly EventRow[],
  kept?: KeptTimeline,
): Promise<KeptTimeline> {
  const names = await userNames(ctx, new Set(events.map((e) => e.actor_id)));
  if (kept && kept.events === events && sameNames(kept.names, names)) return kept;
  const items = events.map((e) => ({
    id: e.id,
    seq: e.seq,
    type: e.type,
    actorId: e.actor_id,
    actorName: names.get(e.actor_id) ?? null,
    occurredAt: e.occurred_at,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
    hash: e.hash,
  }));
  return { view: { items }, events, names };
}

const sameNames = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) =>
  a.size === b.size && [...a].every(([id, name]) => b.get(id) === name);
