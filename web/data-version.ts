import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * A cheap fingerprint of what the reports are computed from: verbatims (imports add,
 * `forget` deletes, enrichment stamps `enriched_at`) and follow-ups (opened, assigned,
 * closed). One scan of `verbatims` without sorting, and of the small `followups`.
 */
export async function readDataVersion(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    select concat_ws('/',
      (select concat_ws(':', count(*), max(enriched_at), max(imported_at)) from verbatims),
      (select concat_ws(':', count(*), count(*) filter (where status = 'assigned'), count(*) filter (where status = 'closed'), max(closed_at)) from followups)
    ) as version`.execute(db);
  return rows[0]?.version ?? '';
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
export class DataCache {
  readonly #entries = new Map<string, { version: string; at: number; maxAgeMs: number; value: Promise<unknown> }>();
  #version: { value: Promise<string>; at: number } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { maxAgeMs: number; checkEveryMs: number; maxEntries?: number; failureMs?: number; clock?: () => number },
  ) {}

  get enabled(): boolean {
    return this.options.maxAgeMs > 0;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    const clock = this.options.clock ?? Date.now;
    const version = await this.version(clock());
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.version === version && clock() - hit.at < hit.maxAgeMs) return hit.value as Promise<T>;
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
  }

  private version(now: number): Promise<string> {
    if (this.#version === undefined || now - this.#version.at >= this.options.checkEveryMs) {
      const value = readDataVersion(this.db);
      this.#version = { value, at: now };
      value.catch(() => (this.#version = undefined));
    }
    return this.#version.value;
  }
}
