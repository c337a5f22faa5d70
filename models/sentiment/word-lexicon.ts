/** Bounds of the memory of prefix lookups: typos and ids must not grow it for ever. */
const MAX_REMEMBERED = 100_000;
const MAX_REMEMBERED_LENGTH = 64;

/**
 * Lookup of folded words in a lexicon whose `foo*` entries match any word with
 * that prefix. Exact entries win; then the longest matching prefix.
 */
export class WordLexicon {
  /**
   * The exact entries, then the words already looked up by prefix (their value, or `null` for none):
   * one lookup answers a known word, where an exact table and a memory of prefix answers took two for
   * every word not in the lexicon (most words). Exact entries are never overwritten, so they still win.
   */
  readonly #known = new Map<string, number | null>();
  /** How many prefix answers `#known` holds besides the exact entries. */
  #remembered = 0;
  readonly #prefixes = new Map<string, number>();
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
        this.#known.set(key, value);
      }
    }
    this.#shortestPrefix = Number.isFinite(shortest) ? shortest : 1;
    this.#longestPrefix = longest;
  }

  get(word: string): number | undefined {
    const known = this.#known.get(word);
    if (known !== undefined) return known ?? undefined;
    if (this.#longestPrefix === 0 || word.length < this.#shortestPrefix) return undefined;
    const value = this.#longestPrefixValue(word);
    // Words are Zipfian: remembering each word's answer spares the slices of the prefix search next time.
    if (word.length <= MAX_REMEMBERED_LENGTH && this.#remembered < MAX_REMEMBERED) {
      this.#known.set(word, value ?? null);
      this.#remembered++;
    }
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
