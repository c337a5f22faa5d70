import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { defaultConcurrency, defaultThreads, enrichThreadEntry } from '../../pipeline/enrichment-pipeline.js';

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
