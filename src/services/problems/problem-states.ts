import type { ProblemState } from '../../core/problem.types.js';

/**
 * Parsed problem states by the id or ledger code they were asked for, for reads (detail,
 * timeline): a read sends the version it holds and gets the state back only when the stored
 * version differs (`findProblemHead`), so an entry is never used stale, in any process, and
 * needs no time-to-live. Bounded; the least recently used entry goes first. The states are
 * shared between requests: readers must not change them (nothing on the read path does; the
 * write path loads its own).
 */
export class ProblemStates {
  private readonly entries = new Map<string, ProblemState>();

  constructor(private readonly maxEntries = 4096) {}

  get(key: string): ProblemState | undefined {
    const state = this.entries.get(key);
    if (state) {
      // Re-inserted, so that the Map's first key is always the least recently used.
      this.entries.delete(key);
      this.entries.set(key, state);
    }
    return state;
  }

  set(key: string, state: ProblemState): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, state);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
