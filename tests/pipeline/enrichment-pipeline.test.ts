import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import type { Verbatim } from '../../core/verbatim.js';
import { createFastModels } from '../../models/fast-tier.js';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { defaultConcurrency, defaultThreads, enrichThreadEntry, openEnrichmentPipeline } from '../../pipeline/enrichment-pipeline.js';

describe('enrichThreadEntry', () => {
  it.each([
    ['compiled: the thread next to it', 'file:///opt/verbatim/dist/pipeline/enrichment-pipeline.js', '/opt/verbatim/dist/pipeline/enrich-thread.js'],
    ['from the sources (vitest): the compiled thread of dist/', 'file:///src/pipeline/enrichment-pipeline.ts', path.join(PACKAGE_ROOT, 'dist', 'pipeline', 'enrich-thread.js')],
  ])('%s', (_case, moduleUrl, expected) => {
    expect(fileURLToPath(enrichThreadEntry(moduleUrl))).toBe(expected);
  });
});

describe('defaultThreads and defaultConcurrency', () => {
  const places = { cwd: '/work', dataDir: '/work/.verbatim', modelDir: undefined };

  it('runs one thread with a model folder, whose runtime spreads one inference over the cores', () => {
    expect(defaultThreads(places, { modelDir: 'models' })).toBe(1);
    expect(defaultThreads({ ...places, modelDir: '/models' }, {})).toBe(1);
  });

  it('runs between 1 and 4 threads on the fast tier', () => {
    expect(defaultThreads(places, {})).toBeGreaterThanOrEqual(1);
    expect(defaultThreads(places, {})).toBeLessThanOrEqual(4);
  });

  it.each([
    [1, 1],
    [2, 3],
    [4, 5],
  ])('keeps %i threads busy with %i batches in flight', (threads, concurrency) => {
    expect(defaultConcurrency(threads)).toBe(concurrency);
  });
});

describe('openEnrichmentPipeline', () => {
  // The bundled classifiers (no `verbatim train` file in an empty data directory), the default taxonomy.
  const places = { cwd: PACKAGE_ROOT, dataDir: path.join(tmpdir(), 'verbatim-t-no-such-data-dir'), modelDir: undefined };
  const ctx = { signal: new AbortController().signal, now: () => new Date('2026-06-01T00:00:00Z') };

  async function appReviews(): Promise<Verbatim[]> {
    const lines = (await readFile(path.join(PACKAGE_ROOT, 'samples', 'data', 'app-reviews.jsonl'), 'utf8')).trimEnd().split('\n');
    return lines.map((line) => {
      const review = JSON.parse(line) as { id: string; text: string; source: string; rating: number };
      return { id: review.id, externalId: null, source: review.source, text: review.text, createdAt: null, nps: null, rating: review.rating, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null };
    });
  }

  // The threads and this thread read eld's n-gram tables built once, in a thread of their own; models loaded here read their own.
  it.each([1, 2])('enriches on %i thread(s) with the shared language tables exactly as models loaded in this thread', async (threads) => {
    const batch = await appReviews();
    const own = await createPipeline(await createFastModels()).enrich(batch, ctx);
    const pipeline = await openEnrichmentPipeline(places, {}, threads);
    try {
      // Split by source: each thread's source-language prior then reads all of a source's records, as one batch does.
      const isReviewSite = (item: { readonly source: string }): boolean => item.source === 'review_site';
      const halves = await Promise.all([pipeline.enrich(batch.filter(isReviewSite), ctx), pipeline.enrich(batch.filter((item) => !isReviewSite(item)), ctx)]);
      expect(halves.flat()).toEqual([...own.filter(isReviewSite), ...own.filter((item) => !isReviewSite(item))]);
      expect(new Set(own.map((item) => item.enrichment.lang)).size).toBeGreaterThan(1);
    } finally {
      await pipeline.close();
    }
  });
});
