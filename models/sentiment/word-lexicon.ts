/** Prefixes are grouped by their first code units, at most this many (fewer when the lexicon has shorter prefixes). */
const KEY_LENGTH = 2;

/** The prefixes that start with one key, longest first, with their values. */
interface PrefixBucket {
  readonly prefixes: string[];
  readonly values: number[];
}

/**
 * Lookup of folded words in a lexicon whose `foo*` entries match any word with
 * that prefix. Exact entries win; then the longest matching prefix.
 *
 * The prefixes are grouped by their first code units: a word is compared (`startsWith`, no
 * slice) with the few that share its first ones, longest first. No memory of past words: a
 * table of every word seen (up to 100,000) cost a cache miss per lookup, more than these few
 * comparisons in a table that stays in cache, and kept the words alive.
 *
 * @example new WordLexicon({ nul: -1, 'decevan*': -0.8 }).get('decevante') // -0.8
 */
export class WordLexicon {
  readonly #exact = new Map<string, number>();
  /** By the key of their first `#keyLength` code units. */
  readonly #buckets = new Map<number, PrefixBucket>();
  readonly #shortestPrefix: number;
  readonly #longestPrefix: number;
  readonly #keyLength: number;

  constructor(entries: Readonly<Record<string, number>>) {
    const prefixes: [string, number][] = [];
    for (const [key, value] of Object.entries(entries)) {
      if (key.endsWith('*')) prefixes.push([key.slice(0, -1), value]);
      else this.#exact.set(key, value);
    }
    const shortest = prefixes.reduce((least, [prefix]) => Math.min(least, prefix.length), Infinity);
    this.#shortestPrefix = Number.isFinite(shortest) ? shortest : 1;
    this.#longestPrefix = prefixes.reduce((most, [prefix]) => Math.max(most, prefix.length), 0);
    // A prefix of length 0 (a bare "*") puts every prefix in one bucket, key 0.
    this.#keyLength = Math.min(KEY_LENGTH, this.#shortestPrefix);
    // Longest first, so the first prefix a word starts with is its longest; equal lengths cannot both match unless equal.
    prefixes.sort((a, b) => b[0].length - a[0].length);
    for (const [prefix, value] of prefixes) {
      const key = keyOf(prefix, this.#keyLength);
      let bucket = this.#buckets.get(key);
      if (bucket === undefined) this.#buckets.set(key, (bucket = { prefixes: [], values: [] }));
      bucket.prefixes.push(prefix);
      bucket.values.push(value);
    }
  }

  get(word: string): number | undefined {
    const exact = this.#exact.get(word);
    if (exact !== undefined) return exact;
    // As before: a lexicon whose only prefix is a bare "*" matches no word by prefix.
    if (this.#longestPrefix === 0 || word.length < this.#shortestPrefix) return undefined;
    const bucket = this.#buckets.get(keyOf(word, this.#keyLength));
    if (bucket === undefined) return undefined;
    const { prefixes, values } = bucket;
    // Linear in the word: each comparison reads at most the prefix's length.
    for (let i = 0; i < prefixes.length; i++) if (word.startsWith(prefixes[i] as string)) return values[i];
    return undefined;
  }
}

/**
 * A small integer for the first `length` (0–2) code units of `text`, which holds at least that many: ten bits
 * of each, so different starts may share a bucket (a word's `startsWith` decides), and the key stays a small integer.
 */
function keyOf(text: string, length: number): number {
  if (length === 0) return 0;
  const first = text.charCodeAt(0) & 0x3ff;
  return length === 1 ? first : (first << 10) | (text.charCodeAt(1) & 0x3ff);
}
