import type { Kysely } from 'kysely';
import { readDataVersion } from '../db/data-version.js';
import type { Database } from '../db/schema.js';

/** Runs a computation, or refuses it (the per-token limit on expensive views). */
export type Gate = <T>(work: () => Promise<T>) => Promise<T>;

/** What page handlers need of the cache. */
export interface ReportCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/**
 * Memoizes results computed from the database until the data changes. The data
 * version is read at most every `checkEveryMs`, so a hit costs nothing most of the
 * time and a change shows within that delay; `maxAgeMs` bounds how old a result
 * may get anyway (follow-ups fall overdue as time passes). `maxAgeMs` 0 turns caching off.
 * A failure is kept too, for `failureMs` (default 10 s): a viewer repeating a request
 * that fails after seconds of work gets the same error at once instead of queueing
 * that work again. With `refreshKeys`, the most recently asked keys can be recomputed
 * ahead of the next request when the data changes (`refreshStale`, web/cache-refresh.ts).
 *
 * @example const report = await cache.get(`report:${key}`, () => buildReport(db, filters, now()))
 */
export class DataCache implements ReportCache {
  readonly #entries = new Map<string, { version: string; at: number; maxAgeMs: number; value: Promise<unknown> }>();
  #version: { value: Promise<string>; at: number } | undefined;
  readonly #recent = new Map<string, () => Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { maxAgeMs: number; checkEveryMs: number; maxEntries?: number; failureMs?: number; refreshKeys?: number; clock?: () => number },
  ) {}

  get enabled(): boolean {
    return this.options.maxAgeMs > 0;
  }

  /**
   * The cached value of `key`, or `compute()` stored under it. Only a miss goes
   * through `gate` (e.g. the per-token limit on expensive views): a cache hit, or a
   * computation already in flight for the same key, costs the caller no slot.
   */
  async get<T>(key: string, compute: () => Promise<T>, gate: Gate = (work) => work()): Promise<T> {
    if (!this.enabled) return gate(compute);
    this.#remember(key, compute);
    const clock = this.options.clock ?? Date.now;
    const version = await this.version(clock());
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.version === version && clock() - hit.at < hit.maxAgeMs) return hit.value as Promise<T>;
    // A refusal by the gate (429) is thrown before anything is stored: it is never cached.
    return gate(() => this.#store(key, version, compute, clock()));
  }

  /**
   * Recomputes for `version`, one at a time, most recently used first, the remembered keys
   * (at most `refreshKeys`) whose entry belongs to an older version and has not expired.
   * A refreshed entry keeps its age: it is the same request's answer on newer data. Stops
   * before the next key once `stillCurrent()` says no (the data moved again, the server
   * closes). Resolves with the number of keys recomputed.
   */
  async refreshStale(version: string, stillCurrent: () => Promise<boolean>): Promise<number> {
    const clock = this.options.clock ?? Date.now;
    this.#version = { value: Promise.resolve(version), at: clock() };
    let refreshed = 0;
    for (const [key, compute] of [...this.#recent].reverse()) {
      const entry = this.#entries.get(key);
      if (entry === undefined || entry.version === version || clock() - entry.at >= entry.maxAgeMs) continue;
      if (!(await stillCurrent())) break;
      await this.#store(key, version, compute, entry.at).catch(() => undefined);
      refreshed += 1;
    }
    return refreshed;
  }

  /** Whether some key is remembered for `refreshStale`. */
  get remembersAny(): boolean {
    return this.#recent.size > 0;
  }

  #store<T>(key: string, version: string, compute: () => Promise<T>, at: number): Promise<T> {
    const clock = this.options.clock ?? Date.now;
    this.#entries.delete(key);
    if (this.#entries.size >= (this.options.maxEntries ?? 200)) this.#entries.delete(this.#entries.keys().next().value as string);
    const value = compute();
    const entry = { version, at, maxAgeMs: this.options.maxAgeMs, value };
    this.#entries.set(key, entry);
    value.catch(() => {
      // A failure is remembered briefly, from when it happened.
      entry.at = clock();
      entry.maxAgeMs = Math.min(this.options.maxAgeMs, this.options.failureMs ?? 10_000);
    });
    return value;
  }

  /** Keeps the `refreshKeys` most recently asked keys, last asked last, with their latest computation. */
  #remember(key: string, compute: () => Promise<unknown>): void {
    const keep = this.options.refreshKeys ?? 0;
    if (keep === 0) return;
    this.#recent.delete(key);
    this.#recent.set(key, compute);
    if (this.#recent.size > keep) this.#recent.delete(this.#recent.keys().next().value as string);
  }

  /** This cache with every miss going through `gate`, for one request's page handlers. */
  gated(gate: Gate): ReportCache {
    return { get: (key, compute) => this.get(key, compute, gate) };
  }

  private version(now: number): Promise<string> {
    if (this.#version === undefined || now - this.#version.at >= this.options.checkEveryMs) {
      const value = readDataVersion(this.db, 'dashboard');
      this.#version = { value, at: now };
      value.catch(() => (this.#version = undefined));
    }
    return this.#version.value;
  }
}
