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
 * that work again.
 *
 * @example const report = await cache.get(`report:${key}`, () => buildReport(db, filters, now()))
 */
export class DataCache implements ReportCache {
  readonly #entries = new Map<string, { version: string; at: number; maxAgeMs: number; value: Promise<unknown> }>();
  #version: { value: Promise<string>; at: number } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { maxAgeMs: number; checkEveryMs: number; maxEntries?: number; failureMs?: number; clock?: () => number },
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
    const clock = this.options.clock ?? Date.now;
    const version = await this.version(clock());
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.version === version && clock() - hit.at < hit.maxAgeMs) return hit.value as Promise<T>;
    // A refusal by the gate (429) is thrown before anything is stored: it is never cached.
    return gate(() => {
      this.#entries.delete(key);
      if (this.#entries.size >= (this.options.maxEntries ?? 200)) this.#entries.delete(this.#entries.keys().next().value as string);
      const value = compute();
      const entry = { version, at: clock(), maxAgeMs: this.options.maxAgeMs, value };
      this.#entries.set(key, entry);
      value.catch(() => {
        // A failure is remembered briefly, from when it happened.
        entry.at = clock();
        entry.maxAgeMs = Math.min(this.options.maxAgeMs, this.options.failureMs ?? 10_000);
      });
      return value;
    });
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
