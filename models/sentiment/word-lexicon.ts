/** Bounds of the memory of prefix lookups: typos and ids must not grow it for ever. */
const MAX_REMEMBERED = 100_000;
const MAX_REMEMBERED_LENGTH = 64;

/**
 * Lookup of folded words in a lexicon whose `foo*` entries match any word with
 * that prefix. Exact entries win; then the longest matching prefix.
 */
export class WordLexicon {
  readonly #exact = new Map<string, number>();
  readonly #prefixes = new Map<string, number>();
  /** Words not in `#exact` already looked up by prefix: their value, or `null` for none. */
  readonly #byPrefix = new Map<string, number | null>();
  readonly #shortestPrefix: number;
  readonly #longestPrefix: number;

  constructor(entries: Readonly<Record<string, number>>) {
    let shortest = Infinity;
    let longest = 0;
    for (const [key, value] of Object.entries(entries)) {
      if (key.endsWith('*')) {
        const prefix = key.slice(0, -1);
        this.#prefixes.set(prefix, value);
        shortest = Math.min(shortest, prefix.length);
        longest = Math.max(longest, prefix.length);
      } else {
        this.#exact.set(key, value);
      }
    }
    this.#shortestPrefix = Number.isFinite(shortest) ? shortest : 1;
    this.#longestPrefix = longest;
  }

  get(word: string): number | undefined {
    const exact = this.#exact.get(word);
    if (exact !== undefined) return exact;
    if (this.#longestPrefix === 0 || word.length < this.#shortestPrefix) return undefined;
    const remembered = this.#byPrefix.get(word);
    if (remembered !== undefined) return remembered ?? undefined;
    const value = this.#longestPrefixValue(word);
    // Words are Zipfian: remembering each word's answer spares the slices of the prefix search next time.
    if (word.length <= MAX_REMEMBERED_LENGTH && this.#byPrefix.size < MAX_REMEMBERED) this.#byPrefix.set(word, value ?? null);
    return value;
  }

  #longestPrefixValue(word: string): number | undefined {
    // From the longest prefix the lexicon has, not from the word's length: a megabyte-long "word"
    // would otherwise hash a megabyte-long slice per character (quadratic).
    for (let length = Math.min(word.length, this.#longestPrefix); length >= this.#shortestPrefix; length--) {
      const value = this.#prefixes.get(word.slice(0, length));
      if (value !== undefined) return value;
    }
    return undefined;
  }
}
