import type { Actor } from '../../core/actor.js';
import type { ProblemState } from '../../core/problem.types.js';
import type { CampaignRules } from '../../core/rules.js';
import type { KeptTimeline } from '../timeline.js';
import type { ProblemView } from './problem.presenter.js';

/** A view presented from a cached state, with everything it was presented from. */
export interface PresentedView {
  actor: Actor;
  today: string;
  rules: CampaignRules;
  regionName: string | null;
  leadUnitName: string | null;
  view: ProblemView;
}

/**
 * A parsed state and the views last presented from it (most recent first, a few at most), and
 * its timeline once one was asked for.
 */
export interface CachedProblem {
  state: ProblemState;
  views: PresentedView[];
  timeline?: KeptTimeline;
}

/**
 * Parsed problem states by the id or ledger code they were asked for, for reads (detail,
 * timeline): a read sends the version it holds and gets the state back only when the stored
 * version differs (`findProblemHead`), so an entry is never used stale, in any process, and
 * needs no time-to-live. Bounded; the least recently used entry goes first. States and views
 * are shared between requests: readers must not change them (nothing on the read path does;
 * the write path loads its own).
 */
export class ProblemStates {
  private readonly entries = new Map<string, CachedProblem>();
  /** The payload text of the timelines kept, in UTF-16 code units (what bounds them). */
  private timelineSize = 0;
  private readonly dropped = new WeakSet<CachedProblem>();

  constructor(
    private readonly maxEntries = 4096,
    // Timelines are kept only within this total of payload text, and only short ones: a state
    // is ~2 KB, a timeline can be hundreds of events; the entry count alone would not bound it.
    private readonly maxTimelineSize = 16 * 1024 * 1024,
    private readonly maxTimelineSizeEach = 64 * 1024,
  ) {}

  get(key: string): CachedProblem | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-inserted, so that the Map's first key is always the least recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Remembers a state just read, replacing what was kept under that key (views included). */
  set(key: string, state: ProblemState): CachedProblem {
    const entry: CachedProblem = { state, views: [] };
    this.delete(key);
    if (this.entries.size >= this.maxEntries) this.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
    return entry;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.dropped.add(entry);
    if (entry.timeline) this.timelineSize -= timelineSize(entry.timeline);
    this.entries.delete(key);
  }

  /**
   * Keeps a timeline made from an entry's state, in place of the one kept before, if the
   * bounds allow (otherwise the entry keeps none and the next read makes it again).
   */
  keepTimeline(entry: CachedProblem, timeline: KeptTimeline): void {
    if (entry.timeline === timeline) return;
    const before = entry.timeline ? timelineSize(entry.timeline) : 0;
    const size = timelineSize(timeline);
    const fits =
      size <= this.maxTimelineSizeEach && this.timelineSize - before + size <= this.maxTimelineSize;
    this.timelineSize -= before;
    entry.timeline = undefined;
    // An entry dropped meanwhile (a read in flight while it was replaced) keeps nothing: no
    // eviction would subtract its size again.
    if (fits && !this.dropped.has(entry)) {
      entry.timeline = timeline;
      this.timelineSize += size;
    }
  }
}

/** A kept timeline's size: the text of its events' payloads (what most of it is made of). */
const timelineSize = (t: KeptTimeline): number => t.events.reduce((n, e) => n + e.payload.length, 0);

/** Views kept per state: one per recent reader (actor object) and date. */
const VIEWS_PER_STATE = 4;

/**
 * The view of `entry` presented for exactly these inputs, if one was kept. The actor is
 * compared by identity: the actors cache hands out one object per user while nothing about
 * the user changed, and a new one (a miss here) when it is rebuilt.
 */
export function keptView(entry: CachedProblem, key: Omit<PresentedView, 'view'>): ProblemView | undefined {
  for (const v of entry.views) {
    if (
      v.actor === key.actor &&
      v.today === key.today &&
      v.rules === key.rules &&
      v.regionName === key.regionName &&
      v.leadUnitName === key.leadUnitName
    )
      return v.view;
  }
  return undefined;
}

export function keepView(entry: CachedProblem, presented: PresentedView): void {
  entry.views.unshift(presented);
  if (entry.views.length > VIEWS_PER_STATE) entry.views.pop();
}
