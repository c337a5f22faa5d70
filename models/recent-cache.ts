/**
 * A bounded memo of recent results: two generations of up to `limit` entries, the older
 * dropped whole when the newer fills. No per-entry eviction: deleting a Map's oldest key
 * one at a time leaves holes that every later `keys().next()` walks over.
 *
 * @example const cache = new RecentCache<string, number>(8192); cache.get(text) ?? cache.set(text, score(text))
 */
export class RecentCache<K, V> {
  readonly #limit: number;
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: K): V | undefined {
    const found = this.#current.get(key);
    if (found !== undefined) return found;
    const older = this.#previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  /** Remembers the value and returns it. */
  set(key: K, value: V): V {
    if (this.#current.size >= this.#limit) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
    return value;
  }
}

/**
 * The longest text (code units) the per-text memos of answers keep: the answers that repeat are
 * short ("RAS", "Très bien"), and a memo of a few thousand megabyte-long comments would hold gigabytes.
 */
export const REMEMBERED_TEXT_LENGTH = 1000;
