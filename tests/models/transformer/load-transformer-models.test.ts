import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inferInChunks, loadSentimentClassifier, loadTextEmbedder, loadTransformerModels } from '../../../models/transformer/load-transformer-models.js';
import { ConfigError } from '../../../core/errors.js';
import { createFixtureDir, type FixtureDir } from './fixture-models.js';

let fixture: FixtureDir | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await fixture?.remove();
  fixture = undefined;
});

const argmax = (row: readonly number[]): number => row.indexOf(Math.max(...row));

describe('loadTransformerModels', () => {
  it.each([false, true])('loads both models from the folder with remote models off (quantized file: %s)', async (quantized) => {
    fixture = await createFixtureDir({ quantized });
    const fetch = vi.spyOn(globalThis, 'fetch');
    const models = await loadTransformerModels(fixture.modelDir);
    expect(fetch).not.toHaveBeenCalled();
    const { env } = await import('@xenova/transformers');
    expect(env).toMatchObject({ allowRemoteModels: false, allowLocalModels: true, localModelPath: fixture.modelDir, useFSCache: false, useBrowserCache: false });
    expect(models.sentiment?.version).toMatch(/^models\/sentiment@[0-9a-f]{12}$/);
    expect(models.embeddings?.version).toMatch(/^models\/embeddings@[0-9a-f]{12}$/);
  });

  it('classifies by the weights: a "good" token → positive, a "bad" token → negative, in input order', async () => {
    fixture = await createFixtureDir({ embeddings: false });
    const classifier = await loadSentimentClassifier(fixture.modelDir);
    const rows = await classifier.classify(['the service was bad', 'good', 'a rather long text that says nothing but zorgly at the end']);
    expect(rows.map((row) => classifier.labels[argmax(row)]?.label)).toEqual(['negative', 'positive', 'positive']);
    for (const row of rows) expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
  });

  it('maps labels through config.json id2label (a reversed label order flips the outcome)', async () => {
    fixture = await createFixtureDir({ embeddings: false, labels: ['5 stars', '3 stars', '1 star'] });
    const classifier = await loadSentimentClassifier(fixture.modelDir);
    const [good] = await classifier.classify(['good']);
    expect(classifier.labels[argmax(good ?? [])]).toEqual({ label: 'negative', valence: -1 });
  });

  it('embeds by mean pooling to unit length', async () => {
    fixture = await createFixtureDir({ sentiment: false });
    const embedder = await loadTextEmbedder(fixture.modelDir, { inferenceBatchSize: 2 });
    const [fees, mixed, nothing] = await embedder.embed(['fees fees', 'the app and the advisor', 'nothing known here']);
    expect(Array.from(fees ?? [])).toEqual([1, 0, 0]);
    expect(Array.from(mixed ?? []).map((value) => Math.round(value * 1000) / 1000)).toEqual([0, 0.707, 0.707]);
    expect(Array.from(nothing ?? [])).toEqual([0, 0, 0]);
  });

  it('loads only what the folder has', async () => {
    fixture = await createFixtureDir({ sentiment: false });
    const models = await loadTransformerModels(fixture.modelDir);
    expect(models.sentiment).toBeUndefined();
    expect(models.embeddings).toBeDefined();
  });
});

describe('loadTransformerModels errors name the path', () => {
  it('a missing model directory', async () => {
    const missing = path.join('/nonexistent', 'verbatim-models');
    await expect(loadTransformerModels(missing)).rejects.toThrow(new ConfigError(`${missing}: model directory not found (--model-dir / VERBATIM_MODEL_DIR)`));
  });

  it('a directory with neither sentiment/ nor embeddings/', async () => {
    fixture = await createFixtureDir({ sentiment: false, embeddings: false });
    await expect(loadTransformerModels(fixture.dir)).rejects.toThrow(`${fixture.dir}: no model folder: expected ${path.join(fixture.dir, 'sentiment')}`);
  });

  it.each(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])('a model folder without %s', async (file) => {
    fixture = await createFixtureDir({ embeddings: false });
    await rm(path.join(fixture.modelDir, 'sentiment', file));
    const error = await loadTransformerModels(fixture.modelDir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(path.join(fixture.modelDir, 'sentiment'))}: missing ${escape(file)}`));
  });

  it('an ONNX file the runtime cannot read', async () => {
    fixture = await createFixtureDir({ sentiment: false });
    await writeFile(path.join(fixture.modelDir, 'embeddings', 'onnx', 'model.onnx'), 'not a model');
    await expect(loadTransformerModels(fixture.modelDir)).rejects.toThrow(
      new RegExp(`^${escape(path.join(fixture.modelDir, 'embeddings'))}: cannot load the feature-extraction model: `),
    );
  });

  it('a config.json whose labels are not sentiment', async () => {
    fixture = await createFixtureDir({ embeddings: false, labels: ['sports', 'politics', 'weather'] });
    await expect(loadTransformerModels(fixture.modelDir)).rejects.toThrow(
      `${path.join(fixture.modelDir, 'sentiment', 'config.json')}: id2label: cannot read label "sports" as sentiment`,
    );
  });
});

describe('sentiment/verbatim.json', () => {
  it.each([
    [undefined, ['fr', 'en']],
    ['{ "languages": ["fr", "en", "es"] }', ['fr', 'en', 'es']],
    ['{ "languages": ["es", "es"] }', ['es']],
    ['{ "languages": ["*"] }', ['*']],
    ['{}', ['fr', 'en']],
  ] as const)('%s → languages %j', async (settings, languages) => {
    fixture = await createFixtureDir({ embeddings: false, ...(settings === undefined ? {} : { sentimentSettings: settings }) });
    expect((await loadSentimentClassifier(fixture.modelDir)).languages).toEqual(languages);
  });

  it.each([
    ['{ "language": ["es"] }', 'Unrecognized key: "language"'],
    ['{ "languages": ["spanish"] }', 'languages.0: an ISO 639-1 code'],
    ['{ "languages": [] }', 'languages: at least one language'],
    ['{ "languages": ["*", "fr"] }', 'languages: `*` already means every language'],
    ['{ "languages": ["fr", ] }', 'not valid JSON'],
    ['["fr"]', 'expected object'],
  ])('%s is an error naming the file: %s', async (settings, message) => {
    fixture = await createFixtureDir({ embeddings: false, sentimentSettings: settings });
    const file = path.join(fixture.modelDir, 'sentiment', 'verbatim.json');
    const error = await loadSentimentClassifier(fixture.modelDir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(file)}: .*${escape(message)}`));
  });

  it('declared languages are part of the version', async () => {
    fixture = await createFixtureDir({ embeddings: false });
    const plain = (await loadSentimentClassifier(fixture.modelDir)).version;
    await writeFile(path.join(fixture.modelDir, 'sentiment', 'verbatim.json'), '{ "languages": ["fr", "en", "es"] }');
    expect((await loadSentimentClassifier(fixture.modelDir)).version).not.toBe(plain);
  });
});

describe('inferInChunks', () => {
  it('runs similar lengths together and returns results in input order', async () => {
    const chunks: string[][] = [];
    const results = await inferInChunks(['ccc', 'a', 'bb', 'dddd', 'e'], 2, undefined, async (chunk) => {
      chunks.push(chunk);
      return chunk.map((text) => text.length);
    });
    expect(results).toEqual([3, 1, 2, 4, 1]);
    expect(chunks).toEqual([['a', 'e'], ['bb', 'ccc'], ['dddd']]);
  });

  it('stops when the signal aborts', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(inferInChunks(['a'], 1, abort.signal, async (chunk) => chunk)).rejects.toThrow();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
