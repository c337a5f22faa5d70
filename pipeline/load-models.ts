import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EldTables } from '../models/language/eld-tables.js';
import type { ModelSet } from '../models/types.js';

/** The model choices every enriching command takes (`enrich`, `worker`). */
export interface ModelChoice {
  /** Theme taxonomy file; default: the bundled one. */
  readonly taxonomy?: string;
  /** Classifiers file from `verbatim train`; default: the data directory's, when one was trained. */
  readonly classifier?: string;
  /** Transformer-tier model folder (`sentiment/`, `embeddings/`); default: `places.modelDir`, else none. */
  readonly modelDir?: string;
  /** Fast-tier sentiment model for French and English (models/fast-tier.ts); default: the rules. */
  readonly sentiment?: SentimentChoice;
}

/** The fast tier's sentiment models a user can pick (models/README.md compares them). */
export const SENTIMENT_CHOICES = ['rules', 'learned', 'combined'] as const;
export type SentimentChoice = (typeof SENTIMENT_CHOICES)[number];

/**
 * Where models are looked for: plain data (it crosses into enrichment threads), so
 * callers other than the CLI (bench/, tests) need no CLI context.
 *
 * @example const places = { cwd: process.cwd(), dataDir: '.verbatim', modelDir: undefined };
 */
export interface ModelPlaces {
  /** What relative paths of a `ModelChoice` are relative to. */
  readonly cwd: string;
  /** The data directory, where `verbatim train` saves its classifiers. */
  readonly dataDir: string;
  /** The default transformer-tier folder (VERBATIM_MODEL_DIR, resolved); undefined = fast tier only. */
  readonly modelDir: string | undefined;
}

/** The transformer-tier folder of a command: `--model-dir`, else the default one, else none (fast tier only). */
export function resolveModelDir(places: ModelPlaces, choice: ModelChoice): string | undefined {
  return choice.modelDir === undefined ? places.modelDir : path.resolve(places.cwd, choice.modelDir);
}

/**
 * Model data a process builds once and hands to each enrichment thread (typed arrays on
 * SharedArrayBuffers: structured clone shares them, so the threads read one copy).
 */
export interface SharedModelData {
  /** The language detector's n-gram tables: eld's database is 58 MB of objects a thread, these 4 MB in all. */
  readonly languageTables: EldTables;
}

/**
 * Builds the {@link SharedModelData}, in a short-lived thread of its own (the caller's heap never holds eld's objects).
 *
 * @example const shared = await loadSharedModelData(); await loadModels(places, choice, shared)
 */
export async function loadSharedModelData(): Promise<SharedModelData> {
  const { loadSharedEldTables } = await import('../models/language/shared-eld-tables.js');
  return { languageTables: await loadSharedEldTables() };
}

/** Where `verbatim train` saves its classifiers unless told otherwise. */
export function defaultClassifierPath(dataDir: string): string {
  return path.join(dataDir, 'models', 'classifiers.json');
}

/**
 * The fast-tier models with the user's taxonomy and trained classifiers. A
 * classifier file named with `--classifier` must exist; the default one is used
 * only when `verbatim train` has written it. With a model folder (`--model-dir`,
 * VERBATIM_MODEL_DIR), the transformer tier over them. `shared`: data built once for every thread
 * (see {@link loadSharedModelData}); without, this thread reads its own.
 */
export async function loadModels(places: ModelPlaces, choice: ModelChoice, shared?: SharedModelData): Promise<ModelSet> {
  const [{ createFastModels }, { loadClassifierFile }] = await Promise.all([
    import('../models/fast-tier.js'),
    import('../models/classifier/classifier-file.js'),
  ]);
  const classifierPath = choice.classifier === undefined ? defaultClassifierPath(places.dataDir) : path.resolve(places.cwd, choice.classifier);
  const useClassifier = choice.classifier !== undefined || existsSync(classifierPath);
  const options = {
    ...(choice.taxonomy === undefined ? {} : { taxonomyPath: path.resolve(places.cwd, choice.taxonomy) }),
    ...(useClassifier ? { classifiers: await loadClassifierFile(classifierPath) } : {}),
    ...(choice.sentiment === undefined ? {} : { sentiment: choice.sentiment }),
    ...(shared === undefined ? {} : { languageTables: shared.languageTables }),
  };
  const modelDir = resolveModelDir(places, choice);
  if (modelDir === undefined) return createFastModels(options);
  // Imported only here: the fast path never loads transformers.js.
  const { createTransformerModels } = await import('../models/transformer/create-transformer-models.js');
  return createTransformerModels({ ...options, modelDir });
}
