/**
 * Group commit: many committed transactions share one flush to stable storage.
 *
 * `wait()` resolves after a flush that *started after the call* has finished, so a caller that
 * committed before calling it is covered. While one flush is in flight, every new caller joins
 * the next one, which starts as soon as the current one ends: under load one flush serves all
 * the commits that happened during the previous one, and no caller waits for more than two.
 */
export class GroupCommit {
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  /** Flushes started so far (for tests and metrics). */
  flushes = 0;

  constructor(private readonly flush: () => Promise<void>) {}

  wait(): Promise<void> {
    if (this.next) return this.next;
    if (!this.inFlight) return this.start();
    // The flush in flight may have started before the caller's commit: join the one after it.
    const after = this.inFlight.then(ignore, ignore);
    this.next = after.then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<void> {
    this.flushes++;
    const flush = (async () => this.flush())().finally(() => {
      if (this.inFlight === flush) this.inFlight = null;
    });
    this.inFlight = flush;
    return flush;
  }
}

const ignore = () => {};
