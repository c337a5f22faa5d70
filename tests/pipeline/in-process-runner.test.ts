import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { InProcessRunner } from '../../pipeline/in-process-runner.js';
import type { Sink } from '../../pipeline/sink.js';
import type { EnrichedVerbatim, Verbatim } from '../../core/verbatim.js';
import { fakeModels } from './fake-models.js';

function verbatim(i: number): Verbatim {
  return { id: `v${i}`, externalId: null, source: 's', text: i % 2 === 0 ? 'good' : 'bad fees', createdAt: null, nps: i % 11, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null };
}

/** A store that, like the database, hands out only what is still pending and upserts by id. */
class MemoryStore implements Sink {
  readonly saved = new Map<string, EnrichedVerbatim>();
  writes = 0;
  constructor(readonly all: readonly Verbatim[]) {}

  async *pending(batchSize: number): AsyncIterable<readonly Verbatim[]> {
    const todo = this.all.filter((item) => !this.saved.has(item.id));
    for (let i = 0; i < todo.length; i += batchSize) yield todo.slice(i, i + batchSize);
  }

  async write(batch: readonly EnrichedVerbatim[]): Promise<void> {
    this.writes += 1;
    for (const item of batch) this.saved.set(item.id, item);
  }
}

describe('InProcessRunner', () => {
  it('rejects a bad concurrency up front', () => {
    expect(() => new InProcessRunner({ concurrency: 0 })).toThrow('Expected `concurrency` to be a number from 1 and up, got `0` (number)');
  });

  it('resumes after an abort and enriches every verbatim exactly once', async () => {
    const store = new MemoryStore(Array.from({ length: 100 }, (_, i) => verbatim(i)));
    const pipeline = createPipeline(fakeModels());
    const abort = new AbortController();
    const first = await new InProcessRunner({ concurrency: 1 }).run({
      source: store.pending(10),
      pipeline,
      sink: { write: async (batch) => { await store.write(batch); if (store.saved.size >= 30) abort.abort(); } },
      signal: abort.signal,
    });
    expect(first.processed).toBeGreaterThanOrEqual(30);
    expect(first.processed).toBeLessThan(100);
    const second = await new InProcessRunner({ concurrency: 2 }).run({ source: store.pending(10), pipeline, sink: store });
    expect(first.processed + second.processed).toBe(100);
    expect(store.saved.size).toBe(100);
  });

  it('reads the source only as fast as batches finish (backpressure)', async () => {
    let read = 0;
    let maxAhead = 0;
    let written = 0;
    async function* source(): AsyncIterable<readonly Verbatim[]> {
      for (let i = 0; i < 20; i++) {
        read += 1;
        maxAhead = Math.max(maxAhead, read - written);
        yield [verbatim(i)];
      }
    }
    const result = await new InProcessRunner({ concurrency: 2 }).run({
      source: source(),
      pipeline: createPipeline(fakeModels()),
      sink: { write: async () => { await new Promise((resolve) => setImmediate(resolve)); written += 1; } },
    });
    expect(result.processed).toBe(20);
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  // Issue 14 item 5: a failed batch used to fail all its verbatims (this test expected v2 and v3 both
  // failed); it is now retried one by one, so only the verbatim that fails on its own is reported.
  it('retries a failed batch verbatim by verbatim and reports only the one that fails alone', async () => {
    const store = new MemoryStore(Array.from({ length: 6 }, (_, i) => verbatim(i)));
    const result = await new InProcessRunner({ concurrency: 1 }).run({
      source: store.pending(2),
      pipeline: createPipeline(fakeModels()),
      sink: { write: async (batch) => { if (batch.some((item) => item.id === 'v3')) throw new Error('disk full'); await store.write(batch); } },
    });
    expect(result.processed).toBe(5);
    expect(result.failed).toEqual([{ id: 'v3', reason: 'disk full' }]);
    expect([...store.saved.keys()].sort()).toEqual(['v0', 'v1', 'v2', 'v4', 'v5']);
  });

  it('saves the rest of a batch whose model throws on one text, in this run and the next', async () => {
    const models = fakeModels();
    const poisoned = { ...models, sentiment: { ...models.sentiment, analyze: (text: string, lang: string) => {
      if (text.includes('poison')) throw new Error('sentiment model crashed');
      return models.sentiment.analyze(text, lang);
    } } } as typeof models;
    const all = Array.from({ length: 10 }, (_, i) => (i === 0 ? { ...verbatim(i), text: 'poison pill' } : verbatim(i)));
    const store = new MemoryStore(all);
    const first = await new InProcessRunner({ concurrency: 2 }).run({ source: store.pending(5), pipeline: createPipeline(poisoned), sink: store });
    expect(first.failed).toEqual([{ id: 'v0', reason: 'sentiment model crashed' }]);
    expect(first.processed).toBe(9);
    expect(store.saved.size).toBe(9);
    // The poisonous verbatim is read first again; it fails alone again and blocks nothing.
    const second = await new InProcessRunner({ concurrency: 2 }).run({ source: store.pending(5), pipeline: createPipeline(poisoned), sink: store });
    expect(second.failed.map((failure) => failure.id)).toEqual(['v0']);
    expect(second.processed).toBe(0);
  });
});
