import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigError } from '../../core/errors.js';
import { literalAt, numberAt, numberRecordAt, objectAt, recordAt, ShapeError, stringAt } from '../file-shape.js';
import type { BinaryModel } from './logistic-regression.js';

/** One-vs-rest models for a label set (themes or journey steps), with the decision threshold. */
export interface LabelModels {
  readonly threshold: number;
  readonly models: Readonly<Record<string, BinaryModel>>;
}

/** What `verbatim train` writes and `enrich` reads: sentiment, theme and journey classifiers. */
export interface TrainedClassifiers {
  readonly format: 'verbatim-classifiers/2';
  readonly trainedAt: string;
  readonly examples: number;
  readonly sentiment: LabelModels;
  readonly themes: LabelModels;
  readonly journey: LabelModels;
}

/** Reads and validates a classifier file; errors name the file and the bad field. */
export async function loadTrainedClassifiers(file: string): Promise<TrainedClassifiers> {
  let raw: unknown;
  try {
    const bytes = await readFile(file);
    raw = JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the classifier file (${(error as Error).message})`);
  }
  return parseTrainedClassifiers(raw, file);
}

/**
 * Checks a parsed classifier file (format 2) and keeps its known fields; `file` names it in errors.
 *
 * @example const classifiers = parseTrainedClassifiers(JSON.parse(text), 'classifiers.json')
 */
export function parseTrainedClassifiers(raw: unknown, file: string): TrainedClassifiers {
  try {
    const data = objectAt(raw, '');
    return {
      format: literalAt(data['format'], 'format', 'verbatim-classifiers/2', 'a classifier file of this version'),
      trainedAt: stringAt(data['trainedAt'], 'trainedAt'),
      examples: numberAt(data['examples'], 'examples', { integer: true, min: 0 }),
      sentiment: labelModelsAt(data['sentiment'], 'sentiment'),
      themes: labelModelsAt(data['themes'], 'themes'),
      journey: labelModelsAt(data['journey'], 'journey'),
    };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new ConfigError(`${file}: ${error.message} (re-run \`verbatim train\`)`);
  }
}

function labelModelsAt(value: unknown, path: string): LabelModels {
  const data = objectAt(value, path);
  return {
    // A label is predicted from this probability.
    threshold: numberAt(data['threshold'], `${path}.threshold`, { min: 0, max: 1 }),
    models: recordAt(data['models'], `${path}.models`, binaryModelAt),
  };
}

function binaryModelAt(value: unknown, path: string): BinaryModel {
  const data = objectAt(value, path);
  return { bias: numberAt(data['bias'], `${path}.bias`), weights: numberRecordAt(data['weights'], `${path}.weights`) };
}

/** Writes the classifiers as JSON, gzipped when the file name ends in `.gz`. */
export async function saveTrainedClassifiers(file: string, classifiers: TrainedClassifiers): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const json = Buffer.from(`${JSON.stringify(classifiers)}\n`);
  await writeFile(file, file.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
}
