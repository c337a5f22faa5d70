import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ThemeMention, Verbatim } from '../core/verbatim.js';
import { createPipeline } from './create-pipeline.js';
import { loadModels, type ModelChoice, type ModelPlaces } from './load-models.js';

/** Themes of stored verbatims under one taxonomy, in the order given. */
export interface TaxonomyTagger {
  tag(batch: readonly Verbatim[], signal?: AbortSignal): Promise<ThemeMention[][]>;
}

/**
 * The models `enrich` runs (same classifiers, same transformer tier), with `document`
 * as the taxonomy: the pipeline's theme tags of a stored text under a taxonomy that is
 * only proposed. Stored texts are already redacted, so redaction is not run again.
 *
 * @example const tagger = await openTaxonomyTagger(places, {}, edited); await tagger.tag(verbatims)
 */
export async function openTaxonomyTagger(places: ModelPlaces, choice: ModelChoice, document: unknown): Promise<TaxonomyTagger> {
  // The models read a taxonomy from a file (as they do in enrichment threads): a private one, removed once loaded.
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-taxonomy-'));
  let pipeline;
  try {
    const file = path.join(dir, 'taxonomy.json');
    await writeFile(file, JSON.stringify(document), 'utf8');
    pipeline = createPipeline(await loadModels(places, { ...choice, taxonomy: file }), { redaction: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const ready = pipeline;
  return {
    async tag(batch, signal = new AbortController().signal) {
      const enriched = await ready.enrich(batch, { signal, now: () => new Date() });
      return enriched.map((item) => [...item.enrichment.themes]);
    },
  };
}

/** Where a re-tag reads pages of stored verbatims and writes their new tags (db/taxonomy-retag-store.ts). */
export interface RetagStore {
  count(): Promise<number>;
  pages(batchSize: number): AsyncIterable<ReadonlyArray<{ readonly verbatim: Verbatim }>>;
  save(batch: readonly { readonly id: string; readonly themes: readonly ThemeMention[] }[]): Promise<void>;
}

/** How far a re-tag is: verbatims done of the total. */
export interface RetagProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Re-tags every stored verbatim page by page (one page in memory), replacing only its
 * theme rows, and reports progress after each page.
 *
 * @example await retagAll({ store: retagStore(db), tagger, batchSize: 500, onProgress: (p) => … })
 * @returns the last progress (done = verbatims re-tagged).
 */
export async function retagAll(options: {
  readonly store: RetagStore;
  readonly tagger: TaxonomyTagger;
  readonly batchSize: number;
  readonly onProgress?: (progress: RetagProgress) => void;
  readonly signal?: AbortSignal;
}): Promise<RetagProgress> {
  const { store, tagger, batchSize } = options;
  const total = await store.count();
  let done = 0;
  options.onProgress?.({ done, total });
  for await (const page of store.pages(batchSize)) {
    options.signal?.throwIfAborted();
    const verbatims = page.map((item) => item.verbatim);
    const themes = await tagger.tag(verbatims, options.signal);
    await store.save(verbatims.map((verbatim, index) => ({ id: verbatim.id, themes: themes[index] ?? [] })));
    done += page.length;
    // A verbatim enriched meanwhile can make done pass the count taken at the start.
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
  return { done, total: Math.max(total, done) };
}
