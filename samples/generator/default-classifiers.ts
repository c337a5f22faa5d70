import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { readLabels } from '../../models/classifier/read-labels.js';
import { trainClassifiers, type LabelledExample, type TrainOptions } from '../../models/classifier/train-classifiers.js';
import type { TrainedClassifiers } from '../../models/classifier/trained-classifiers.js';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { createLanguageDetector } from '../../models/language/language-detector.js';
import { loadTaxonomy } from '../../models/themes/taxonomy.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS } from '../../core/vocabulary.js';

/** The labelled corpus we wrote ourselves, one JSONL file per batch of labelling. */
export const LABELS_DIR = path.join(PACKAGE_ROOT, 'samples', 'labels');

/**
 * Labelled CX verbatims by other writers (the shared dev files), learned from too (issue 16).
 * Never copied into the package; the accuracy bench scores them only by k-fold cross-validation.
 * bench/data/cx-blind.jsonl is never trained on.
 */
export const SHARED_LABEL_FILES: readonly string[] = ['cx-dev.jsonl', 'cx-dev-b.jsonl'].map((name) => path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval', name));

/** A fixed training date keeps the bundled file byte-for-byte reproducible. */
const TRAINED_AT = new Date('2026-11-25T00:00:00Z');

/**
 * From which probability the classifiers override or complete the rules. Chosen by 5-fold
 * cross-validation on cx-dev ∪ cx-dev-b (`npm run bench -- tune`; figures in models/README.md),
 * never on cx-blind: sentiment 0.7 beat 0.6–0.9 and never; themes and journey keep 0.8.
 */
export const BUNDLED_THRESHOLDS: Pick<TrainOptions, 'sentimentThreshold' | 'themeThreshold' | 'journeyThreshold'> = {
  sentimentThreshold: 0.7,
  themeThreshold: 0.8,
  journeyThreshold: 0.8,
};

/** One labelled file as training examples; a line the default taxonomy cannot take is an error, not a skip. */
export async function readLabelledFile(file: string): Promise<LabelledExample[]> {
  const { examples, problems } = await readLabels(file, new Set(DEFAULT_THEME_IDS), createLanguageDetector);
  if (problems.length > 0) throw new Error(`bundled labels: ${problems.map((problem) => problem.describe()).join('; ')}`);
  return examples;
}

/** Every file of samples/labels, in name order. */
export async function readOwnLabels(): Promise<LabelledExample[]> {
  return (await Promise.all((await ownLabelFiles()).map(readLabelledFile))).flat();
}

/** Every file of samples/labels, in name order (what `readOwnLabels` reads). */
export async function ownLabelFiles(): Promise<string[]> {
  return (await readdir(LABELS_DIR))
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => path.join(LABELS_DIR, name));
}

/** Where `npm run samples` records what the bundled classifiers learned from, beside the model file. */
export const BUNDLED_SOURCES_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'classifiers.sources.json');

/** One training file of the bundled classifiers: its path from the package root, its SHA-256 and how many examples it gave. */
export interface TrainingSource {
  readonly file: string;
  readonly sha256: string;
  readonly examples: number;
}

/**
 * The fingerprint of a labelled file, as recorded in `BUNDLED_SOURCES_PATH`. The shared dev
 * files are not in the package (and may be absent where it is tested), so their record is
 * what proves which version of them the shipped file learned from.
 */
export async function trainingSource(file: string, examples: number): Promise<TrainingSource> {
  return { file: path.relative(PACKAGE_ROOT, file), sha256: createHash('sha256').update(await readFile(file)).digest('hex'), examples };
}

/** Without the shared dev files the bundled file cannot be rebuilt: says which are missing. */
function requireSharedFiles(): void {
  const missing = SHARED_LABEL_FILES.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`bundled classifiers: the shared labelled files are needed to rebuild them, missing: ${missing.join(', ')}`);
}

/** The bundled recipe on any labelled examples (the bench cross-validates it fold by fold). */
export async function trainBundledRecipe(examples: readonly LabelledExample[]): Promise<TrainedClassifiers> {
  const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
  return trainClassifiers(examples, { themeIds: taxonomy.themes.map((theme) => theme.id), journeySteps: JOURNEY_STEPS, now: TRAINED_AT, ...BUNDLED_THRESHOLDS });
}

/**
 * The classifiers bundled with the package: the bundled recipe on samples/labels then
 * the shared dev files, and the fingerprint of each file. Deterministic (fixed order, fixed date).
 */
export async function trainDefaultClassifiers(): Promise<{ readonly classifiers: TrainedClassifiers; readonly sources: readonly TrainingSource[] }> {
  requireSharedFiles();
  const files = [...(await ownLabelFiles()), ...SHARED_LABEL_FILES];
  const read = await Promise.all(files.map(readLabelledFile));
  const sources = await Promise.all(files.map((file, index) => trainingSource(file, read[index]?.length ?? 0)));
  return { classifiers: await trainBundledRecipe(read.flat()), sources };
}
