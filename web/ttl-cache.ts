/**
 * A tiny time-bounded memo for values that are costly to compute and may be a
 * little stale (the filter form's choices). Keys are compared as strings.
 *
 * @example const options = await cache.get(JSON.stringify(scope), () => queryFilterOptions(db, scope))
 */
export class TtlCache<T> {
  readonly #entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.expires > now) return hit.value;
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    const value = compute();
    this.#entries.set(key, { value, expires: now + this.ttlMs });
    // A failure is not remembered: the next call tries again.
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}
