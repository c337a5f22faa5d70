/**
 * eld's n-gram database (github.com/nitotm/efficient-language-detector-js, Apache-2.0) as a few flat
 * typed arrays. Imported as eld ships it, the 'medium' database is 105,548 objects of language → score,
 * about 58 MB of heap in every thread that loads it; these tables hold the same numbers in about 4 MB,
 * and built on SharedArrayBuffers they cross into worker threads without a copy (structured clone
 * shares their memory), so the enrichment threads of one process read one copy.
 */

/** What eld's database module exports (`ngramsData`). */
export interface EldDatabase {
  readonly languages: Readonly<Record<string, string>>;
  readonly ngrams: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * The database as plain data (it crosses thread boundaries). N-gram `i`'s UTF-16 code units are
 * `keyUnits[keyStarts[i] .. keyStarts[i + 1])`; its (language index, eld score + base) pairs are
 * `pairs[2 * pairStarts[i] .. 2 * pairStarts[i + 1])`, in the order of eld's object keys.
 */
export interface EldTables {
  /** Language codes by eld's language index. */
  readonly languages: readonly string[];
  /** Open addressing on {@link hashUnits}, a power of two long: n-gram index + 1; 0 = empty. */
  readonly slots: Int32Array;
  readonly keyStarts: Int32Array;
  readonly keyUnits: Uint16Array;
  readonly pairStarts: Int32Array;
  readonly pairs: Int32Array;
}

/** eld subtracts this from every stored score to keep its database small. */
const BASE_NGRAM_SCORE = 53;

/**
 * Flattens eld's database; `shared`: on SharedArrayBuffers, for worker threads to read in place.
 *
 * @example const tables = buildEldTables((await import('eld/src/ngrams/medium.js')).ngramsData, { shared: true })
 */
export function buildEldTables(database: EldDatabase, options: { readonly shared: boolean }): EldTables {
  const buffer = (bytes: number): ArrayBufferLike => (options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const ngrams = Object.keys(database.ngrams);
  let units = 0;
  let pairCount = 0;
  for (const ngram of ngrams) {
    units += ngram.length;
    pairCount += Object.keys(database.ngrams[ngram] ?? {}).length;
  }
  // Under half full: a missing n-gram (most of a text's) ends its probe within a slot or two.
  let size = 1;
  while (size < ngrams.length * 2) size *= 2;
  const slots = new Int32Array(buffer(size * 4));
  const keyStarts = new Int32Array(buffer((ngrams.length + 1) * 4));
  const keyUnits = new Uint16Array(buffer(units * 2));
  const pairStarts = new Int32Array(buffer((ngrams.length + 1) * 4));
  const pairs = new Int32Array(buffer(pairCount * 2 * 4));
  let unit = 0;
  let pair = 0;
  ngrams.forEach((ngram, index) => {
    keyStarts[index] = unit;
    for (let i = 0; i < ngram.length; i++) keyUnits[unit++] = ngram.charCodeAt(i);
    pairStarts[index] = pair;
    const stored = database.ngrams[ngram] ?? {};
    // Object.keys: integer keys in ascending order, the order eld and the scorer add them in.
    for (const language of Object.keys(stored)) {
      pairs[pair * 2] = Number(language);
      pairs[pair * 2 + 1] = (stored[language] as number) + BASE_NGRAM_SCORE;
      pair += 1;
    }
    let slot = hashUnits(ngram) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = index + 1;
  });
  keyStarts[ngrams.length] = unit;
  pairStarts[ngrams.length] = pair;
  const count = Object.keys(database.languages).length;
  const languages = Array.from({ length: count }, (_, index) => database.languages[index] ?? '');
  return { languages, slots, keyStarts, keyUnits, pairStarts, pairs };
}

/**
 * The index of `ngram` in the tables, or -1 when eld does not know it.
 *
 * @example const at = ngramIndex(tables, ' les '); // pairs of `at`: tables.pairStarts[at] .. tables.pairStarts[at + 1]
 */
export function ngramIndex(tables: EldTables, ngram: string): number {
  const { slots, keyStarts, keyUnits } = tables;
  const mask = slots.length - 1;
  for (let slot = hashUnits(ngram) & mask; ; slot = (slot + 1) & mask) {
    const stored = slots[slot] as number;
    if (stored === 0) return -1;
    const index = stored - 1;
    const start = keyStarts[index] as number;
    if ((keyStarts[index + 1] as number) - start !== ngram.length) continue;
    let i = 0;
    while (i < ngram.length && keyUnits[start + i] === ngram.charCodeAt(i)) i++;
    if (i === ngram.length) return index;
  }
}

/** FNV-1a over a string's UTF-16 code units, as an unsigned 31-bit number. */
function hashUnits(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 1;
}

/**
 * Reads eld's 'medium' database module and flattens it. The module stays in this thread's module
 * cache (ES modules are never unloaded): call it in a thread that ends, as `loadSharedEldTables` does,
 * to keep its objects out of a long-lived heap.
 */
export async function readEldTables(options: { readonly shared: boolean }): Promise<EldTables> {
  const { ngramsData } = (await import(new URL('../ngrams/medium.js', import.meta.resolve('eld/medium')).href)) as { ngramsData: EldDatabase };
  return buildEldTables(ngramsData, options);
}
