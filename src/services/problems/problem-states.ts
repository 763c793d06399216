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

  constructor(private readonly maxEntries = 4096) {}

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
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
    return entry;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

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
