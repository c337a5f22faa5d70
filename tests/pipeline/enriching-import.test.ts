import { describe, expect, it } from 'vitest';
import type { EnrichedVerbatim, Verbatim } from '../../core/verbatim.js';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline.js';
import type { IsolatedEnrichment } from '../../pipeline/enrich-isolating.js';
import { enrichingImport, type EnrichedImportStore } from '../../pipeline/enriching-import.js';
import { fakeModels } from './fake-models.js';

const verbatim = (id: string, text = `comment ${id}`, authorKey: string | null = null): Verbatim => ({
  id,
  externalId: id,
  source: 'test',
  text,
  createdAt: null,
  nps: 3,
  rating: null,
  respondent: 'customer',
  authorKey,
  segments: {},
  journeyHint: null,
});

/** A promise settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Lets every settled promise's continuations run. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A store that records what happens in order and stores everything it is given as new. */
function recordingStore(events: string[], gone: ReadonlySet<string> = new Set(), held?: Map<string, Promise<void>>): EnrichedImportStore & { stored: IsolatedEnrichment[] } {
  const stored: IsolatedEnrichment[] = [];
  return {
    stored,
    screen: async (batch) => {
      const kept = batch.filter((item) => item.authorKey === null || !gone.has(item.authorKey));
      return { kept, forgotten: batch.length - kept.length };
    },
    store: async (batch) => {
      const name = [...batch.enriched.map((item) => item.id), ...batch.failed.map((item) => item.verbatim.id)].join('+');
      events.push(`store ${name} start`);
      await held?.get(name);
      events.push(`store ${name} end`);
      stored.push(batch);
      const inserted = batch.enriched.length + batch.failed.length;
      return { inserted, duplicates: 0, enriched: batch.enriched.length, failed: batch.failed.length };
    },
  };
}

describe('enrichingImport', () => {
  it('enriches the next batches while one is stored, and stores them in the order they came', async () => {
    const events: string[] = [];
    const enrichments = new Map<string, ReturnType<typeof deferred<EnrichedVerbatim[]>>>();
    const pipeline: Pipeline = {
      modelVersions: {},
      enrich: (batch) => {
        const name = batch.map((item) => item.id).join('+');
        events.push(`enrich ${name}`);
        const pending = deferred<EnrichedVerbatim[]>();
        enrichments.set(name, pending);
        return pending.promise;
      },
    };
    const storeHeld = deferred<void>();
    const store = recordingStore(events, new Set(), new Map([['a', storeHeld.promise]]));
    const sink = enrichingImport({ pipeline, store, now: () => new Date(0), inFlight: 3 });
    const results = [sink.insert([verbatim('a')]), sink.insert([verbatim('b')]), sink.insert([verbatim('c')])];
    await drain();
    const done = (name: string): void => enrichments.get(name)?.resolve([{ ...verbatim(name), enrichment: createPipelineEnrichment() }]);
    // The second batch is enriched first; it still waits for the first to be stored.
    done('b');
    await drain();
    expect(events).toEqual(['enrich a', 'enrich b', 'enrich c']);
    done('a');
    await drain();
    expect(events).toEqual(['enrich a', 'enrich b', 'enrich c', 'store a start']);
    done('c');
    await drain();
    expect(events.at(-1)).toBe('store a start'); // b and c wait for a's store
    storeHeld.resolve();
    expect(await Promise.all(results)).toEqual([1, 1, 1].map((inserted) => ({ inserted, duplicates: 0, forgotten: 0 })));
    expect(events.slice(3)).toEqual(['store a start', 'store a end', 'store b start', 'store b end', 'store c start', 'store c end']);
  });

  it('leaves forgotten authors out before the models see them, and counts them', async () => {
    const seen: string[] = [];
    const real = createPipeline(fakeModels());
    const pipeline: Pipeline = { modelVersions: real.modelVersions, enrich: (batch, ctx) => (seen.push(...batch.map((item) => item.id)), real.enrich(batch, ctx)) };
    const store = recordingStore([], new Set(['a_gone']));
    const sink = enrichingImport({ pipeline, store, now: () => new Date(0) });
    const result = await sink.insert([verbatim('1'), verbatim('2', 'bye', 'a_gone'), verbatim('3', 'hi', 'a_kept')]);
    expect(result).toEqual({ inserted: 2, duplicates: 0, forgotten: 1 });
    expect(seen).toEqual(['1', '3']);
    expect(sink.totals()).toMatchObject({ enriched: 2, failed: 0 });
  });

  it('a verbatim the models throw on fails alone: stored pending with its reason, the rest of its batch enriched', async () => {
    const real = createPipeline(fakeModels());
    const pipeline: Pipeline = {
      modelVersions: real.modelVersions,
      enrich: (batch, ctx) => (batch.some((item) => item.text.includes('poison')) ? Promise.reject(new Error('the sentiment model crashed')) : real.enrich(batch, ctx)),
    };
    const store = recordingStore([]);
    const progress: number[] = [];
    const sink = enrichingImport({ pipeline, store, now: () => new Date(0), onProgress: (done) => progress.push(done) });
    await sink.insert([verbatim('1', 'good fees'), verbatim('2', 'poison pill'), verbatim('3', 'bad fees')]);
    expect(store.stored[0]?.enriched.map((item) => [item.id, item.enrichment.sentiment])).toEqual([
      ['1', 'positive'],
      ['3', 'negative'],
    ]);
    expect(store.stored[0]?.failed).toEqual([{ verbatim: verbatim('2', 'poison pill'), reason: 'the sentiment model crashed' }]);
    expect(sink.totals()).toEqual({ enriched: 2, failed: 1, failedReasons: new Map([['the sentiment model crashed', 1]]) });
    expect(progress).toEqual([3]);
  });

  it('a failed store fails the batches after it: none of them is stored', async () => {
    const real = createPipeline(fakeModels());
    const events: string[] = [];
    const store = recordingStore(events);
    const failing: EnrichedImportStore = { ...store, store: (batch, now) => (batch.enriched[0]?.id === 'a' ? Promise.reject(new Error('disk full')) : store.store(batch, now)) };
    const sink = enrichingImport({ pipeline: real, store: failing, now: () => new Date(0), inFlight: 2 });
    const first = sink.insert([verbatim('a')]);
    const second = sink.insert([verbatim('b')]);
    await expect(first).rejects.toThrow('disk full');
    await expect(second).rejects.toThrow('disk full');
    expect(store.stored).toEqual([]);
  });

  it('checks its options up front', () => {
    expect(() => enrichingImport({ pipeline: createPipeline(fakeModels()), store: recordingStore([]), now: () => new Date(0), inFlight: 0 })).toThrow(
      'Expected `inFlight` to be a number from 1 and up, got `0` (number)',
    );
  });
});

function createPipelineEnrichment(): EnrichedVerbatim['enrichment'] {
  return { lang: 'en', langConfidence: 1, sentimentSupported: true, sentiment: 'neutral', sentimentScore: 0, themes: [], journey: null, npsCategory: null, modelVersions: {} };
}
