import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigError } from '../../core/errors.js';
import { arrayAt, booleanAt, literalAt, numberAt, numberRecordAt, objectAt, optionalAt, ShapeError, stringAt } from '../file-shape.js';
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

/** Reads and checks a model file (gzipped JSON); errors name the file and the field. */
export async function loadLearnedSentiment(file: string): Promise<LearnedSentimentFile> {
  let raw: unknown;
  try {
    const bytes = await readFile(file);
    raw = JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the sentiment model (${(error as Error).message})`);
  }
  let data: ModelFileFields;
  try {
    data = modelFileFields(raw);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new ConfigError(`${file}: ${error.message} (re-run \`npm run train:models\`)`);
  }
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

/** The fields of a model file as stored (weights still in base64). */
interface ModelFileFields extends Omit<LearnedSentimentFile, 'format' | 'model'> {
  readonly dimensions: number;
  readonly bias: readonly number[];
  /** Float32 little-endian, base64. */
  readonly weights: string;
}

/** Checks a parsed model file field by field (a ShapeError names the first bad one) and keeps the known fields. */
function modelFileFields(raw: unknown): ModelFileFields {
  const data = objectAt(raw, '');
  literalAt(data['format'], 'format', SENTIMENT_MODEL_FORMAT, `a model file of format ${SENTIMENT_MODEL_FORMAT}`);
  const features = objectAt(data['features'], 'features');
  const charNgrams = features['charNgrams'] === null ? null : objectAt(features['charNgrams'], 'features.charNgrams');
  const ruleScore = optionalAt(features['ruleScore'], 'features.ruleScore', booleanAt);
  const lexicons = objectAt(data['lexicons'], 'lexicons');
  const training = objectAt(data['training'], 'training');
  const positiveInteger = { integer: true, positive: true };
  return {
    labels: arrayAt(data['labels'], 'labels', stringAt, 2),
    features: {
      buckets: numberAt(features['buckets'], 'features.buckets', positiveInteger),
      charNgrams:
        charNgrams === null
          ? null
          : { min: numberAt(charNgrams['min'], 'features.charNgrams.min', positiveInteger), max: numberAt(charNgrams['max'], 'features.charNgrams.max', positiveInteger) },
      wordBigrams: booleanAt(features['wordBigrams'], 'features.wordBigrams'),
      negation: booleanAt(features['negation'], 'features.negation'),
      ...(ruleScore === undefined ? {} : { ruleScore }),
    },
    temperature: numberAt(data['temperature'], 'temperature', { positive: true }),
    dimensions: numberAt(data['dimensions'], 'dimensions', positiveInteger),
    bias: arrayAt(data['bias'], 'bias', numberAt),
    weights: stringAt(data['weights'], 'weights'),
    lexicons: {
      afinn: numberRecordAt(lexicons['afinn'], 'lexicons.afinn'),
      vader: numberRecordAt(lexicons['vader'], 'lexicons.vader'),
      frenchStems: numberRecordAt(lexicons['frenchStems'], 'lexicons.frenchStems'),
    },
    training: {
      corpora: arrayAt(training['corpora'], 'training.corpora', (value, path) => {
        const corpus = objectAt(value, path);
        return { name: stringAt(corpus['name'], `${path}.name`), texts: numberAt(corpus['texts'], `${path}.texts`) };
      }),
      seed: numberAt(training['seed'], 'training.seed'),
      epochs: numberAt(training['epochs'], 'training.epochs'),
      crossValidation: numberRecordAt(training['crossValidation'], 'training.crossValidation'),
    },
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
