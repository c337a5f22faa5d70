import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import type { FeatureSettings } from './features.js';
import type { Lexicons } from './lexicon-features.js';
import type { SoftmaxWeights } from './softmax-regression.js';

export const SENTIMENT_MODEL_FORMAT = 'verbatim-learned-sentiment/1';

/** What the trainer records about a model: corpora, seed, cross-validated scores. */
export interface TrainingRecord {
  readonly corpora: readonly { readonly name: string; readonly texts: number }[];
  readonly seed: number;
  readonly epochs: number;
  readonly crossValidation: Readonly<Record<string, number>>;
}

/** A learned sentiment model as shipped: labels in class order, feature settings, weights, lexicons, calibration. */
export interface LearnedSentimentFile {
  readonly format: typeof SENTIMENT_MODEL_FORMAT;
  readonly labels: readonly string[];
  readonly features: FeatureSettings;
  readonly temperature: number;
  readonly model: SoftmaxWeights;
  readonly lexicons: Lexicons;
  readonly training: TrainingRecord;
}

const numberRecord = z.record(z.string(), z.number());
const fileSchema = z.object({
  format: z.literal(SENTIMENT_MODEL_FORMAT, `a model file of format ${SENTIMENT_MODEL_FORMAT}`),
  labels: z.array(z.string()).min(2),
  features: z.object({
    buckets: z.number().int().positive(),
    charNgrams: z.object({ min: z.number().int().positive(), max: z.number().int().positive() }).nullable(),
    wordBigrams: z.boolean(),
    negation: z.boolean(),
    ruleScore: z.boolean().optional(),
  }),
  temperature: z.number().positive(),
  dimensions: z.number().int().positive(),
  bias: z.array(z.number()),
  weights: z.string().describe('Float32 little-endian, base64'),
  lexicons: z.object({ afinn: numberRecord, vader: numberRecord, frenchStems: numberRecord }),
  training: z.object({
    corpora: z.array(z.object({ name: z.string(), texts: z.number() })),
    seed: z.number(),
    epochs: z.number(),
    crossValidation: numberRecord,
  }),
});

/** Reads and checks a model file (gzipped JSON); errors name the file and the field. */
export async function loadLearnedSentiment(file: string): Promise<LearnedSentimentFile> {
  let raw: unknown;
  try {
    const bytes = await readFile(file);
    raw = JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the sentiment model (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'} (re-run \`npm run train:models\`)`);
  }
  const data = parsed.data;
  const bytes = Buffer.from(data.weights, 'base64');
  const classes = data.labels.length;
  if (bytes.length !== data.dimensions * classes * 4 || data.bias.length !== classes) {
    throw new ConfigError(`${file}: weights: expected ${data.dimensions} × ${classes} float32 values and ${classes} biases (re-run \`npm run train:models\`)`);
  }
  // Copy into an aligned buffer: a Buffer's byte offset need not be a multiple of 4.
  const weights = new Float32Array(data.dimensions * classes);
  new Uint8Array(weights.buffer).set(bytes);
  return {
    format: SENTIMENT_MODEL_FORMAT,
    labels: data.labels,
    features: data.features,
    temperature: data.temperature,
    model: { classes, dimensions: data.dimensions, weights, bias: Float32Array.from(data.bias) },
    lexicons: data.lexicons,
    training: data.training,
  };
}

/** Writes a model file, gzipped when the name ends in `.gz`; same model, same bytes. */
export async function saveLearnedSentiment(file: string, model: LearnedSentimentFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const { model: weights, ...rest } = model;
  const json = JSON.stringify({
    ...rest,
    dimensions: weights.dimensions,
    bias: Array.from(weights.bias, (value) => Math.round(value * 1e6) / 1e6),
    weights: Buffer.from(weights.weights.buffer, weights.weights.byteOffset, weights.weights.byteLength).toString('base64'),
  });
  const bytes = Buffer.from(`${json}\n`);
  await writeFile(file, file.endsWith('.gz') ? gzipSync(bytes, { level: 9 }) : bytes);
}
