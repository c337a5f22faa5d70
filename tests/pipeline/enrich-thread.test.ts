import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import type { Verbatim } from '../../core/verbatim.js';
import { openEnrichmentPipeline, type EnrichmentPipeline } from '../../pipeline/enrichment-pipeline.js';

/** Encoders as modules of their own (the thread imports one by URL). */
const module = (code: string): string => `data:text/javascript,${encodeURIComponent(code)}`;
const IDS_AND_BYTES = module(`export function encodeBatch(enriched) {
  const bytes = new Uint8Array(enriched.length).fill(7);
  return { value: { ids: enriched.map((v) => v.id), sentiments: enriched.map((v) => v.enrichment.sentiment), bytes }, transfer: [bytes.buffer] };
}`);
const THROWING = module('export function encodeBatch() { throw new Error("cannot encode"); }');
const NOTHING = module('export function encodeBatch() { return undefined; }');
const NO_EXPORT = module('export const other = 1;');

const verbatim = (id: string, text: string): Verbatim => ({
  id, externalId: null, source: 'test', text, createdAt: null, nps: null, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null,
});
const batch = [verbatim('a', 'The fees are far too high'), verbatim('b', 'Great app, quick and easy')];
const ctx = { signal: new AbortController().signal, now: () => new Date('2026-06-01T00:00:00Z') };

// The compiled thread of dist/ (as the other thread tests): `npx tsc -p tsconfig.build.json` first.
describe('an enrichment thread asked to encode its batches', () => {
  const places = { cwd: PACKAGE_ROOT, dataDir: path.join(tmpdir(), 'verbatim-t-no-such-data-dir'), modelDir: undefined };
  let pipeline: EnrichmentPipeline;
  beforeAll(async () => {
    pipeline = await openEnrichmentPipeline(places, {}, 2);
  });
  afterAll(async () => {
    await pipeline.close();
  });

  it('answers the enriched batch and what the encoder module made of it, its buffers moved', async () => {
    const plain = await pipeline.enrich(batch, ctx);
    const result = await pipeline.enrichEncoded?.(batch, ctx, IDS_AND_BYTES);
    expect(result?.enriched).toEqual(plain);
    expect(result?.encoded).toEqual({ ids: ['a', 'b'], sentiments: plain.map((item) => item.enrichment.sentiment), bytes: new Uint8Array([7, 7]) });
  });

  it.each([
    ['throws', THROWING],
    ['gives nothing', NOTHING],
    ['exports no encoder', NO_EXPORT],
  ])('still answers the enriched batch when the encoder %s, without an encoding', async (_case, encoder) => {
    const result = await pipeline.enrichEncoded?.(batch, ctx, encoder);
    expect(result?.enriched.map((item) => item.id)).toEqual(['a', 'b']);
    expect(result?.encoded).toBeUndefined();
  });
});
