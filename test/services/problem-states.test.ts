import { describe, expect, it } from 'vitest';
import type { ProblemState } from '../../src/core/problem.types.js';
import type { EventRow } from '../../src/db/schema.js';
import { ProblemStates } from '../../src/services/problems/problem-states.js';
import type { KeptTimeline } from '../../src/services/timeline.js';

const state = (id: string) => ({ id, version: 1 }) as unknown as ProblemState;
/** A timeline whose events' payloads hold `size` characters in all. */
const timeline = (size: number): KeptTimeline => ({
  view: { items: [] },
  events: [{ payload: 'x'.repeat(size) } as EventRow],
  names: new Map(),
});

describe('ProblemStates: kept timelines are bounded by their size, not only by the entries', () => {
  it('keeps a timeline within the bounds, and none that is too big alone', () => {
    const states = new ProblemStates(10, 100, 40);
    const a = states.set('a', state('a'));
    const t = timeline(40);
    states.keepTimeline(a, t);
    expect(a.timeline).toBe(t);
    const b = states.set('b', state('b'));
    states.keepTimeline(b, timeline(41));
    expect(b.timeline).toBeUndefined();
  });

  it('keeps no more than the total, and frees what a dropped or replaced entry held', () => {
    const states = new ProblemStates(3, 100, 40);
    const entries = ['a', 'b', 'c'].map((k) => states.set(k, state(k)));
    for (const e of entries) states.keepTimeline(e, timeline(40));
    // 40 + 40 fit, the third would make 120.
    expect(entries.map((e) => Boolean(e.timeline))).toEqual([true, true, false]);
    // 'd' evicts 'a' (the least recently used), whose 40 are freed.
    const d = states.set('d', state('d'));
    states.keepTimeline(d, timeline(40));
    expect(d.timeline).toBeDefined();
    // A timeline made again (new names) replaces the old one's size instead of adding to it.
    states.keepTimeline(d, timeline(30));
    const c = entries[2]!;
    states.keepTimeline(c, timeline(30));
    expect(c.timeline).toBeDefined();
    // Replaced under its key, 'b' keeps nothing more, and its size is freed for others.
    const stale = entries[1]!;
    states.set('b', state('b'));
    states.keepTimeline(stale, timeline(10));
    expect(stale.timeline).toBeUndefined();
    const fresh = states.get('b')!;
    states.keepTimeline(fresh, timeline(40));
    expect(fresh.timeline).toBeDefined();
  });
});
