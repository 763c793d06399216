/**
 * A small per-process cache with a time-to-live, for data read on every request that changes
 * rarely (the actor behind a token, a campaign's rules). Each server process has its own, so a
 * change reaches the others within the TTL; a TTL of 0 caches nothing (the default in tests).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  // Bumped by delete and clear: a load that started before them must not store what it read.
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** False when nothing is kept (a TTL of 0). */
  get caching(): boolean {
    return this.ttlMs > 0;
  }

  /**
   * The cached value when there is a fresh one, without a promise: callers on hot paths take it
   * synchronously and fall back to `get` only on a miss.
   */
  peek(key: string): V | undefined {
    if (this.ttlMs <= 0) return undefined;
    const hit = this.entries.get(key);
    return hit && hit.until > performance.now() ? hit.value : undefined;
  }

  /** The cached value, or what `load` gives (remembered unless `keep` says no). */
  async get(key: string, load: () => Promise<V>, keep?: (value: V) => boolean): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const generation = this.generation;
    const value = await load();
    if ((keep && !keep(value)) || generation !== this.generation) return value;
    this.remember(key, value, now);
    return value;
  }

  /**
   * Several keys at once: the cached values, and one `loadMissing` call for the others (keys
   * it does not answer are left out of the result and not remembered).
   */
  async getMany(keys: Iterable<string>, loadMissing: (keys: string[]) => Promise<Map<string, V>>) {
    const now = performance.now();
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.ttlMs > 0 ? this.entries.get(key) : undefined;
      if (hit && hit.until > now) found.set(key, hit.value);
      else missing.push(key);
    }
    if (!missing.length) return found;
    const generation = this.generation;
    const loaded = await loadMissing(missing);
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (this.ttlMs > 0 && generation === this.generation) this.remember(key, value, now);
    }
    return found;
  }

  private remember(key: string, value: V, now: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
