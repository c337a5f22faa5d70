import { classifierScorers } from './classifier-scorers.js';
import { loadCompiledScorers, type ScorersWithDate } from './compiled-classifiers-file.js';
import { loadTrainedClassifiers } from './trained-classifiers.js';

/**
 * The bundled classifiers' scorers: from their compiled file while it was compiled from the
 * classifier file as it is now (the same numbers, read in milliseconds), else from the classifier
 * file itself.
 *
 * @example const { sentiment, trainedAt } = await loadBundledScorers(DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH)
 */
export async function loadBundledScorers(classifierFile: string, compiledFile: string): Promise<ScorersWithDate> {
  const compiled = await loadCompiledScorers(classifierFile, compiledFile);
  if (compiled !== undefined) return compiled;
  const trained = await loadTrainedClassifiers(classifierFile);
  return { ...classifierScorers(trained), trainedAt: trained.trainedAt };
}
