import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import type { BinaryModel } from './logistic-regression.js';

const binaryModelSchema = z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) });
const labelModelsSchema = z.object({
  /** A label is predicted from this probability. */
  threshold: z.number().min(0).max(1),
  models: z.record(z.string(), binaryModelSchema),
});

const trainedClassifiersSchema = z.object({
  format: z.literal('verbatim-classifiers/2', 'a classifier file of this version'),
  trainedAt: z.string(),
  examples: z.number().int().nonnegative(),
  sentiment: labelModelsSchema,
  themes: labelModelsSchema,
  journey: labelModelsSchema,
});

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
  const parsed = trainedClassifiersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'} (re-run \`verbatim train\`)`);
  }
  return parsed.data;
}

/** Writes the classifiers as JSON, gzipped when the file name ends in `.gz`. */
export async function saveTrainedClassifiers(file: string, classifiers: TrainedClassifiers): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const json = Buffer.from(`${JSON.stringify(classifiers)}\n`);
  await writeFile(file, file.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
}
