import { stat } from 'node:fs/promises';
import { InputError } from '../../core/errors.js';
import { JOURNEY_STEPS } from '../../core/vocabulary.js';
import { createLanguageDetector } from '../language/language-detector.js';
import { currentThemeId } from '../themes/theme-aliases.js';
import { loadTaxonomy, type Taxonomy } from '../themes/taxonomy.js';
import { saveClassifierFile } from './classifier-file.js';
import { trainHashedClassifiers, type HashedTraining } from './hashed-classifiers.js';
import { readLabels } from './read-labels.js';
import type { LabelTerms } from './term-priors.js';
import type { ThresholdChoice } from './thresholds.js';

/** Fewer labelled verbatims than this teach a classifier nothing it can be trusted with. */
export const MIN_EXAMPLES = 20;

export interface TrainFromFilesOptions {
  /** Labelled verbatims (JSONL: text, lang, themes, journey, sentiment). */
  readonly labels: string;
  readonly taxonomy: string;
  readonly out: string;
  readonly threshold: ThresholdChoice;
  readonly now: Date;
  /** Training threads (default: one per core). */
  readonly threads?: number;
}

export interface TrainFromFilesResult {
  readonly examples: number;
  /** Lines that could not be used, each naming file, line and field. */
  readonly problems: readonly InputError[];
  readonly training: HashedTraining;
  /** Size of the written file. */
  readonly bytes: number;
}

/**
 * What `verbatim train` does, for the CLI and the bench alike: read the taxonomy
 * and the labels, train with cross-validation, write the classifier file.
 *
 * @example await trainFromFiles({ labels: 'labels.jsonl', taxonomy: 'taxonomy.yaml', out: 'classifiers.json', threshold: 'auto', now: new Date() })
 */
export async function trainFromFiles(options: TrainFromFilesOptions): Promise<TrainFromFilesResult> {
  const taxonomy = await loadTaxonomy(options.taxonomy);
  const themeIds = taxonomy.themes.map((theme) => theme.id);
  const { examples, problems } = await readLabels(options.labels, currentThemeId(taxonomy), createLanguageDetector);
  if (examples.length < MIN_EXAMPLES) {
    throw new InputError(`${examples.length} usable labelled verbatims; at least ${MIN_EXAMPLES} are needed to train`, { file: options.labels });
  }
  const training = await trainHashedClassifiers(examples, { themeIds, journeySteps: JOURNEY_STEPS, now: options.now, terms: termsOf(taxonomy), threshold: options.threshold, ...(options.threads === undefined ? {} : { threads: options.threads }) });
  await saveClassifierFile(options.out, training.classifiers);
  return { examples: examples.length, problems, training, bytes: (await stat(options.out)).size };
}

/** Each theme's terms, phrases and stems per language: the words the rules look for become features. */
export function termsOf(taxonomy: Taxonomy): Record<string, LabelTerms> {
  const out: Record<string, LabelTerms> = {};
  for (const theme of taxonomy.themes) {
    const byLanguage: Record<string, string[]> = {};
    for (const source of [theme.terms, theme.phrases, theme.stems]) {
      for (const [lang, list] of Object.entries(source)) (byLanguage[lang] ??= []).push(...list);
    }
    if (Object.keys(byLanguage).length > 0) out[theme.id] = byLanguage;
  }
  return out;
}
