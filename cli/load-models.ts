import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ModelSet } from '../models/types.js';
import type { CliContext } from './context.js';

/** The model choices every enriching command takes (`enrich`, `worker`). */
export interface ModelChoice {
  /** Theme taxonomy file; default: the bundled one. */
  readonly taxonomy?: string;
  /** Classifiers file from `verbatim train`; default: the data directory's, when one was trained. */
  readonly classifier?: string;
}

/** Where `verbatim train` saves its classifiers unless told otherwise. */
export function defaultClassifierPath(context: Pick<CliContext, 'env'>): string {
  return path.join(context.env.dataDir, 'models', 'classifiers.json');
}

/**
 * The fast-tier models with the user's taxonomy and trained classifiers. A
 * classifier file named with `--classifier` must exist; the default one is used
 * only when `verbatim train` has written it.
 */
export async function loadModels(context: Pick<CliContext, 'env' | 'cwd'>, choice: ModelChoice): Promise<ModelSet> {
  const [{ createFastModels }, { loadTrainedClassifiers }] = await Promise.all([
    import('../models/fast-tier.js'),
    import('../models/classifier/trained-classifiers.js'),
  ]);
  const classifierPath = choice.classifier === undefined ? defaultClassifierPath(context) : path.resolve(context.cwd, choice.classifier);
  const useClassifier = choice.classifier !== undefined || existsSync(classifierPath);
  return createFastModels({
    ...(choice.taxonomy === undefined ? {} : { taxonomyPath: path.resolve(context.cwd, choice.taxonomy) }),
    ...(useClassifier ? { classifiers: await loadTrainedClassifiers(classifierPath) } : {}),
  });
}
