import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import type { ThemeMention, Verbatim } from '../../core/verbatim.js';
import { parseTaxonomy } from '../../models/themes/taxonomy.js';
import { openTaxonomyTagger, retagAll, type RetagProgress, type RetagStore } from '../../pipeline/taxonomy-retag.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'neutral', score: 0, confidence: 0.9, evidence: theme });

/** Pages of `size` over the verbatims, and what was saved. */
function memoryStore(verbatims: readonly Verbatim[]): RetagStore & { saved: { id: string; themes: readonly ThemeMention[] }[][] } {
  const saved: { id: string; themes: readonly ThemeMention[] }[][] = [];
  return {
    saved,
    count: () => Promise.resolve(verbatims.length),
    async *pages(size) {
      for (let start = 0; start < verbatims.length; start += size) yield verbatims.slice(start, start + size).map((verbatim) => ({ verbatim }));
    },
    save: (batch) => {
      saved.push([...batch]);
      return Promise.resolve();
    },
  };
}

describe('retagAll', () => {
  it('tags page by page, saves each page’s themes by id, and reports progress after each page', async () => {
    const verbatims = [1, 2, 3, 4, 5].map((n) => surveyAnswer(n));
    const store = memoryStore(verbatims);
    const progress: RetagProgress[] = [];
    const tagged: number[] = [];
    const result = await retagAll({
      store,
      tagger: { tag: (batch) => (tagged.push(batch.length), Promise.resolve(batch.map((verbatim) => [mention(`t_${verbatim.externalId ?? ''}`)]))) },
      batchSize: 2,
      onProgress: (step) => progress.push(step),
    });
    expect(tagged).toEqual([2, 2, 1]);
    expect(progress).toEqual([
      { done: 0, total: 5 },
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ]);
    expect(result).toEqual({ done: 5, total: 5 });
    expect(store.saved.flat().map((row) => [row.id, row.themes.map((t) => t.theme)])).toEqual(verbatims.map((v) => [v.id, [`t_${v.externalId ?? ''}`]]));
  });

  it('stops between pages when aborted', async () => {
    const controller = new AbortController();
    const store = memoryStore([1, 2, 3, 4].map((n) => surveyAnswer(n)));
    const run = retagAll({
      store,
      tagger: { tag: (batch) => (controller.abort(new Error('closing')), Promise.resolve(batch.map(() => []))) },
      batchSize: 2,
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow('closing');
    expect(store.saved).toHaveLength(1);
  });
});

describe('openTaxonomyTagger', () => {
  it('tags stored texts with the pipeline’s models under the taxonomy it is given', async () => {
    const taxonomy = parseTaxonomy('themes:\n  - id: mortgage\n    label: Mortgages\n    terms: { en: [mortgage*] }\n', 't.yaml');
    const tagger = await openTaxonomyTagger({ cwd: PACKAGE_ROOT, dataDir: '/nonexistent-verbatim-data', modelDir: undefined }, {}, taxonomy);
    const [mortgage, other] = await tagger.tag([
      surveyAnswer(1, { text: 'My mortgage renewal was a mess' }),
      surveyAnswer(2, { text: 'Great mortgage rate, lovely staff' }),
    ]);
    expect(mortgage?.map((t) => t.theme)).toContain('mortgage');
    expect(mortgage?.find((t) => t.theme === 'mortgage')?.evidence).toContain('mortgage');
    expect(other?.map((t) => t.theme)).toContain('mortgage');
  });
});
