import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEldTables, ngramIndex, type EldDatabase, type EldTables } from '../../../models/language/eld-tables.js';
import { loadEldTopTwo } from '../../../models/language/eld-top-two.js';
import { loadSharedEldTables } from '../../../models/language/shared-eld-tables.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

/** The (language, stored score) pairs of one n-gram, as the tables hold them (eld's base of 53 taken back off). */
function pairsOf(tables: EldTables, ngram: string): [number, number][] | undefined {
  const index = ngramIndex(tables, ngram);
  if (index === -1) return undefined;
  const pairs: [number, number][] = [];
  for (let i = (tables.pairStarts[index] ?? 0) * 2; i < (tables.pairStarts[index + 1] ?? 0) * 2; i += 2) {
    pairs.push([tables.pairs[i] ?? -1, (tables.pairs[i + 1] ?? 0) - 53]);
  }
  return pairs;
}

const arraysOf = (tables: EldTables) => [tables.slots, tables.keyStarts, tables.keyUnits, tables.pairStarts, tables.pairs];

describe('buildEldTables', () => {
  // Keys that share prefixes, differ in their last unit, are empty or name Object.prototype members, or hold non-Latin-1 units.
  const database: EldDatabase = {
    languages: { 0: 'en', 1: 'fr', 2: 'de' },
    ngrams: { ' les ': { 1: 40, 0: 2 }, ' le': { 1: 7 }, ' lez': { 2: -3 }, '': { 0: 1 }, __proto__x: { 2: 5 }, constructor: { 0: 0 }, 'Ã©t€': { 1: 12, 2: 1 } },
  };

  it.each([false, true])('finds every n-gram with its pairs in eld key order, and no other (shared: %s)', (shared) => {
    const tables = buildEldTables(database, { shared });
    expect(tables.languages).toEqual(['en', 'fr', 'de']);
    expect(pairsOf(tables, ' les ')).toEqual([
      [0, 2],
      [1, 40],
    ]);
    expect(pairsOf(tables, ' le')).toEqual([[1, 7]]);
    expect(pairsOf(tables, ' lez')).toEqual([[2, -3]]);
    expect(pairsOf(tables, '')).toEqual([[0, 1]]);
    expect(pairsOf(tables, '__proto__x')).toEqual([[2, 5]]);
    expect(pairsOf(tables, 'constructor')).toEqual([[0, 0]]);
    expect(pairsOf(tables, 'Ã©t€')).toEqual([
      [1, 12],
      [2, 1],
    ]);
    for (const missing of [' les', ' les  ', ' ley', 'toString', '__proto__', 'Ã©t', ' l']) expect(pairsOf(tables, missing)).toBeUndefined();
    for (const array of arraysOf(tables)) expect(array.buffer instanceof SharedArrayBuffer).toBe(shared);
  });
});

describe("eld's medium database as shared tables", () => {
  let shared: EldTables;
  let eld: EldDatabase;
  beforeAll(async () => {
    shared = await loadSharedEldTables();
    eld = ((await import(new URL('../ngrams/medium.js', import.meta.resolve('eld/medium')).href)) as { ngramsData: EldDatabase }).ngramsData;
  });

  it('holds every n-gram of eld with its languages and scores, on SharedArrayBuffers, in a few MB', () => {
    const ngrams = Object.keys(eld.ngrams);
    expect(ngrams.length).toBeGreaterThan(100_000);
    for (const ngram of ngrams) {
      const expected = Object.entries(eld.ngrams[ngram] ?? {}).map(([language, score]) => [Number(language), score]);
      const actual = pairsOf(shared, ngram);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ ngram, actual }).toEqual({ ngram, actual: expected });
    }
    expect(shared.languages).toEqual(Object.values(eld.languages));
    for (const array of arraysOf(shared)) expect(array.buffer instanceof SharedArrayBuffer).toBe(true);
    // The point of the tables: eld's objects take about 58 MB of heap a thread.
    expect(arraysOf(shared).reduce((sum, array) => sum + array.byteLength, 0)).toBeLessThan(8 * 1024 * 1024);
  });

  it('scores every text as the tables a thread reads for itself', async () => {
    const [fromShared, fromOwn] = await Promise.all([loadEldTopTwo(shared), loadEldTopTwo()]);
    for (const text of [...VARIED_TEXTS, ...generatedTexts(300), 'Les frais de tenue de compte ont encore augmenté', 'Die Gebühren sind viel zu hoch']) {
      expect({ text, top: fromShared.topTwo(text) }).toEqual({ text, top: fromOwn.topTwo(text) });
    }
  });

  it('reaches a worker thread as the same memory, not a copy', async () => {
    // The thread adds 1 to the first pair's language in place: a copy would leave ours as it was.
    const code = `const { parentPort, workerData } = require('node:worker_threads');
      Atomics.add(workerData.tables.pairs, 0, 1);
      parentPort.postMessage(workerData.tables.pairs.buffer instanceof SharedArrayBuffer);`;
    const before = shared.pairs[0] ?? 0;
    const worker = new Worker(code, { eval: true, workerData: { tables: shared } });
    const sawShared = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(sawShared).toBe(true);
    expect(shared.pairs[0]).toBe(before + 1);
    Atomics.sub(shared.pairs, 0, 1);
  });
});
