import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../models/learned/hashing.js';
import { languageWords } from '../../../models/language/short-text-features.js';
import { readShortTextWeights, ShortTextLanguageModel, writeShortTextWeights } from '../../../models/language/short-text-model.js';
import { knownWordSet, shortWindows, trainShortTextModel, type LanguageExample } from '../../../models/language/short-text-training.js';

const TEXTS: LanguageExample[] = [
  ...['le conseiller est très gentil', 'les frais sont trop chers', 'je suis très déçu du service', 'une appli qui plante tout le temps', 'merci pour votre aide'].map((text) => ({ text, french: true })),
  ...['the advisor was very kind', 'the fees are far too high', 'I am very disappointed with the service', 'an app that crashes all the time', 'thanks for your help'].map((text) => ({ text, french: false })),
];
const OPTIONS = { buckets: 1 << 12, knownWordBits: 1 << 12, knownWordCount: 1, epochs: 20, seed: 7 };

describe('short-text model', () => {
  it('learns French from English on a few sentences', () => {
    const model = new ShortTextLanguageModel(trainShortTextModel(TEXTS, TEXTS, OPTIONS));
    expect(model.frenchProbability('très gentil')).toBeGreaterThan(0.5);
    expect(model.frenchProbability('very kind')).toBeLessThan(0.5);
  });

  it('is deterministic for a seed', () => {
    const a = trainShortTextModel(TEXTS, TEXTS, OPTIONS);
    const b = trainShortTextModel(TEXTS, TEXTS, OPTIONS);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.bias).toBe(b.bias);
  });

  it('refuses a bucket count that is not a power of two', () => {
    expect(() => trainShortTextModel(TEXTS, TEXTS, { ...OPTIONS, buckets: 1000 })).toThrow(/power of two/);
  });

  it('reads back what it wrote', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'short-text-'));
    try {
      const weights = trainShortTextModel(TEXTS, TEXTS, OPTIONS);
      await writeShortTextWeights(path.join(dir, 'model.json.gz'), weights, { note: 'test' });
      const read = await readShortTextWeights(path.join(dir, 'model.json.gz'));
      expect(read.bias).toBe(weights.bias);
      expect([...read.weights]).toEqual([...weights.weights]);
      expect([...read.knownWords]).toEqual([...weights.knownWords]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('knows the words seen often enough, and no others', () => {
    const model = new ShortTextLanguageModel({ ...trainShortTextModel(TEXTS, TEXTS, OPTIONS), knownWords: knownWordSet(TEXTS, 1 << 16, 2) });
    expect(model.allWordsKnown(['very', 'service'])).toBe(true);
    expect(model.allWordsKnown(['gentil'])).toBe(false);
    expect(model.allWordsKnown(['sehr', 'gut'])).toBe(false);
  });
});

describe('training windows', () => {
  it('cuts runs of one to four words under 30 characters, and keeps a short text whole', () => {
    const windows = shortWindows('The fees keep going up every single month without any warning', 50, seededRandom(3));
    expect(windows.length).toBeGreaterThan(10);
    for (const window of windows) {
      expect(window.length).toBeLessThan(30);
      expect(window.split(' ').length).toBeLessThanOrEqual(4);
    }
    expect(shortWindows('Bad service', 0, seededRandom(1))).toEqual(['Bad service']);
  });
});

describe('words a language is read from', () => {
  it.each([
    ['@united I dmed you', ['i', 'dmed', 'you']],
    ['See https://example.com/page now', ['see', 'now']],
    ["C’est top, don't change", ["c'est", 'top', "don't", 'change']],
    ['12345 !!', []],
  ])('%s → %j', (text, expected) => {
    expect(languageWords(text)).toEqual(expected);
  });
});
