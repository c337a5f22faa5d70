import { describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { enrichingImport, type EncodedIsolatedEnrichment, type EnrichedImportStore } from '../../pipeline/enriching-import.js';
import type { EncodedEnrichment } from '../../pipeline/thread-pool-pipeline.js';
import { fakeModels } from './fake-models.js';

const verbatim = (id: string, text = `comment ${id}`): Verbatim => ({
  id, externalId: id, source: 'test', text, createdAt: null, nps: 3, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null,
});

const ENCODER = 'file:///encoders/rows.js';

/** A pipeline whose `enrichEncoded` "encodes" a batch as its ids joined, and which records every call. */
function encodingPipeline(calls: string[]) {
  const real = createPipeline(fakeModels());
  return {
    modelVersions: real.modelVersions,
    enrich: async (batch: readonly Verbatim[], ctx: Parameters<typeof real.enrich>[1]) => {
      calls.push(`enrich ${ids(batch)}`);
      return real.enrich(poisonless(batch), ctx);
    },
    enrichEncoded: async (batch: readonly Verbatim[], ctx: Parameters<typeof real.enrich>[1], encoder: string): Promise<EncodedEnrichment> => {
      calls.push(`enrichEncoded ${ids(batch)} with ${encoder}`);
      return { enriched: await real.enrich(poisonless(batch), ctx), encoded: `encoded ${ids(batch)}` };
    },
  };
}

/** The models throw on a text that says `poison`. */
function poisonless(batch: readonly Verbatim[]): readonly Verbatim[] {
  if (batch.some((item) => item.text.includes('poison'))) throw new Error('the sentiment model crashed');
  return batch;
}

const ids = (batch: readonly { id: string }[]): string => batch.map((item) => item.id).join('+');

/** A store of everything it is given, with or without an encoder for the threads. */
function encodedStore(encoder: string | undefined): EnrichedImportStore<string> & { stored: EncodedIsolatedEnrichment<string>[] } {
  const stored: EncodedIsolatedEnrichment<string>[] = [];
  return {
    stored,
    ...(encoder === undefined ? {} : { batchEncoder: encoder }),
    screen: async (batch) => ({ kept: batch, forgotten: 0 }),
    store: async (batch) => {
      stored.push(batch);
      return { inserted: batch.enriched.length + batch.failed.length, duplicates: 0, enriched: batch.enriched.length, failed: batch.failed.length };
    },
  };
}

describe('enrichingImport with a store that encodes its rows on the enrichment threads', () => {
  it('has each batch encoded by the thread that enriches it, and hands the encoding to the store', async () => {
    const calls: string[] = [];
    const store = encodedStore(ENCODER);
    const sink = enrichingImport({ pipeline: encodingPipeline(calls), store, now: () => new Date(0) });
    await Promise.all([sink.insert([verbatim('a'), verbatim('b')]), sink.insert([verbatim('c')])]);
    expect(calls).toEqual([`enrichEncoded a+b with ${ENCODER}`, `enrichEncoded c with ${ENCODER}`]);
    expect(store.stored.map((batch) => [ids(batch.enriched), batch.encoded])).toEqual([['a+b', 'encoded a+b'], ['c', 'encoded c']]);
  });

  it('a batch a verbatim of which failed comes without its encoding: the rest enriched one by one, the store builds the rows', async () => {
    const calls: string[] = [];
    const store = encodedStore(ENCODER);
    const sink = enrichingImport({ pipeline: encodingPipeline(calls), store, now: () => new Date(0) });
    await sink.insert([verbatim('1'), verbatim('2', 'poison pill'), verbatim('3')]);
    expect(calls).toEqual([`enrichEncoded 1+2+3 with ${ENCODER}`, 'enrich 1', 'enrich 2', 'enrich 3']);
    expect(store.stored).toHaveLength(1);
    expect(store.stored[0]?.encoded).toBeUndefined();
    expect(ids(store.stored[0]?.enriched ?? [])).toBe('1+3');
    expect(store.stored[0]?.failed.map((item) => [item.verbatim.id, item.reason])).toEqual([['2', 'the sentiment model crashed']]);
  });

  it('enriches without encoding for a store that has no encoder, or a pipeline without threads', async () => {
    const calls: string[] = [];
    const store = encodedStore(undefined);
    await enrichingImport({ pipeline: encodingPipeline(calls), store, now: () => new Date(0) }).insert([verbatim('a')]);
    const { enrich, modelVersions } = encodingPipeline(calls);
    const withEncoder = encodedStore(ENCODER);
    await enrichingImport({ pipeline: { enrich, modelVersions }, store: withEncoder, now: () => new Date(0) }).insert([verbatim('b')]);
    expect(calls).toEqual(['enrich a', 'enrich b']);
    expect([...store.stored, ...withEncoder.stored].map((batch) => batch.encoded)).toEqual([undefined, undefined]);
  });
});
