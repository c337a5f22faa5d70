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
  /** Transformer-tier model folder (`sentiment/`, `embeddings/`); default: VERBATIM_MODEL_DIR, else none. */
  readonly modelDir?: string;
}

/** The transformer-tier folder of a command: `--model-dir`, else VERBATIM_MODEL_DIR, else none (fast tier only). */
export function resolveModelDir(context: Pick<CliContext, 'env' | 'cwd'>, choice: ModelChoice): string | undefined {
  return choice.modelDir === undefined ? context.env.modelDir : path.resolve(context.cwd, choice.modelDir);
}

/** Where `verbatim train` saves its classifiers unless told otherwise. */
export function defaultClassifierPath(context: Pick<CliContext, 'env'>): string {
  return path.join(context.env.dataDir, 'models', 'classifiers.json');
}

/**
 * The fast-tier models with the user's taxonomy and trained classifiers. A
 * classifier file named with `--classifier` must exist; the default one is used
 * only when `verbatim train` has written it. With a model folder (`--model-dir`,
 * VERBATIM_MODEL_DIR), the transformer tier over them.
 */
export async function loadModels(context: Pick<CliContext, 'env' | 'cwd'>, choice: ModelChoice): Promise<ModelSet> {
  const [{ createFastModels }, { loadTrainedClassifiers }] = await Promise.all([
    import('../models/fast-tier.js'),
    import('../models/classifier/trained-classifiers.js'),
  ]);
  const classifierPath = choice.classifier === undefined ? defaultClassifierPath(context) : path.resolve(context.cwd, choice.classifier);
  const useClassifier = choice.classifier !== undefined || existsSync(classifierPath);
  const options = {
    ...(choice.taxonomy === undefined ? {} : { taxonomyPath: path.resolve(context.cwd, choice.taxonomy) }),
    ...(useClassifier ? { classifiers: await loadTrainedClassifiers(classifierPath) } : {}),
  };
  const modelDir = resolveModelDir(context, choice);
  if (modelDir === undefined) return createFastModels(options);
  // Imported only here: the fast path never loads transformers.js.
  const { createTransformerModels } = await import('../models/transformer/create-transformer-models.js');
  return createTransformerModels({ ...options, modelDir });
}
