import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../core/package-root.js';
import type * as ClassifierFile from '../../../models/classifier/classifier-file.js';
import type * as Hashed from '../../../models/classifier/hashed-classifiers.js';
import type * as Pool from '../../../models/classifier/training-pool.js';
import { syntheticExamples } from './synthetic-labels.js';

/** The built modules: worker threads run the compiled `train-worker.js`, which the sources do not have. */
const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'models', 'classifier', file)).href) as Promise<T>;
const [{ trainHashedClassifiers }, { saveClassifierFile }, { createTrainingPool }] = await Promise.all([
  load<typeof Hashed>('hashed-classifiers.js'),
  load<typeof ClassifierFile>('classifier-file.js'),
  load<typeof Pool>('training-pool.js'),
]);

const themeIds = ['fees_pricing', 'digital_app', 'branch_staff'];
const now = new Date('2026-12-06T00:00:00Z');

describe('training on worker threads', () => {
  it('runs on threads when the worker is compiled', async () => {
    const pool = createTrainingPool(2);
    expect(pool.threads).toBe(2);
    await pool.close();
  });

  it('rejects a thread count that is not a positive integer', () => {
    expect(() => createTrainingPool(0)).toThrow(/Expected `threads` to be an integer from 1 and up, got `0`/);
  });

  // Themes (one-vs-rest: some texts have none or two), journey and sentiment: every model goes through the pool.
  const examples = syntheticExamples(400, 5).map((example, index) => ({
    ...example,
    themes: index % 6 === 0 ? [] : index % 9 === 0 ? ['fees_pricing', 'digital_app'] : example.themes,
    journey: index % 2 === 0 ? ('everyday_use' as const) : ('complaint' as const),
    sentiment: index % 3 === 0 ? ('negative' as const) : ('neutral' as const),
  }));

  it.each([[2], [3]])('writes the same file bytes with %i threads as with one', async (threads) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-threads-'));
    const bytes = async (count: number): Promise<Buffer> => {
      const { classifiers } = await trainHashedClassifiers(examples, { themeIds, journeySteps: ['everyday_use', 'complaint'], now, threads: count });
      const file = path.join(dir, `classifiers-${count}.json`);
      await saveClassifierFile(file, classifiers);
      return readFile(file);
    };
    const [one, many] = [await bytes(1), await bytes(threads)];
    expect(many.equals(one)).toBe(true);
  });
});
