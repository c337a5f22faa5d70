import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { HASHED_CLASSIFIERS_FORMAT, type HashedClassifiers } from './hashed-classifiers.js';
import type { LabelModel } from './label-model.js';
import { dequantise, quantise } from './quantise.js';
import { parseTrainedClassifiers, type TrainedClassifiers } from './trained-classifiers.js';

/** Either kind of classifier file `enrich` accepts: `verbatim train`'s (format 3) or the older word-keyed one (format 2). */
export type ClassifierFile = TrainedClassifiers | HashedClassifiers;

const bytes = z.string().describe('raw-deflated little-endian array, base64');
const labelModelSchema = z.object({
  kind: z.enum(['softmax', 'one-vs-rest']),
  labels: z.array(z.string()),
  temperature: z.number().positive(),
  thresholds: z.array(z.number().min(0).max(1)),
  floor: z.number().min(0),
  bias: z.array(z.number()),
  quantum: z.number().positive(),
  buckets: bytes,
  idf: bytes,
  weights: bytes,
});
const fileSchema = z.object({
  format: z.literal(HASHED_CLASSIFIERS_FORMAT),
  trainedAt: z.string(),
  examples: z.number().int().nonnegative(),
  features: z.object({
    buckets: z.number().int().positive(),
    charNgrams: z.object({ min: z.number().int().positive(), max: z.number().int().positive() }).nullable(),
    wordBigrams: z.boolean(),
    negation: z.boolean(),
    stems: z.boolean(),
    wordTrigrams: z.boolean(),
  }),
  terms: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  sentiment: labelModelSchema,
  themes: labelModelSchema,
  journey: labelModelSchema,
});

/**
 * Reads a classifier file of either format (gzipped when the name ends in `.gz`);
 * errors name the file and the bad field.
 *
 * @example const classifiers = await loadClassifierFile('.verbatim/models/classifiers.json')
 */
export async function loadClassifierFile(file: string): Promise<ClassifierFile> {
  let raw: unknown;
  try {
    const data = await readFile(file);
    raw = JSON.parse((file.endsWith('.gz') ? gunzipSync(data) : data).toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the classifier file (${(error as Error).message})`);
  }
  if ((raw as { format?: unknown } | null)?.format !== HASHED_CLASSIFIERS_FORMAT) return parseTrainedClassifiers(raw, file);
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'} (re-run \`verbatim train\`)`);
  }
  const data = parsed.data;
  try {
    return { ...data, format: HASHED_CLASSIFIERS_FORMAT, sentiment: fromJson(data.sentiment), themes: fromJson(data.themes), journey: fromJson(data.journey) };
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message} (re-run \`verbatim train\`)`);
  }
}

/** Writes `verbatim train`'s classifiers: weights as deflated bytes inside JSON, the whole gzipped when the name ends in `.gz`. */
export async function saveClassifierFile(file: string, classifiers: HashedClassifiers): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const json = JSON.stringify({ ...classifiers, sentiment: toJson(classifiers.sentiment), themes: toJson(classifiers.themes), journey: toJson(classifiers.journey) });
  const out = Buffer.from(`${json}\n`);
  await writeFile(file, file.endsWith('.gz') ? gzipSync(out, { level: 9 }) : out);
}

function toJson(model: LabelModel): z.infer<typeof labelModelSchema> {
  // Rows in bucket order, buckets delta-coded: ascending gaps deflate far better than raw ids.
  const rows = [...model.rowOf].sort((a, b) => a[0] - b[0]);
  const classes = model.labels.length;
  const codes = quantise(model.weights, model.quantum).codes;
  const sortedCodes = new Int8Array(codes.length);
  const idf = new Float32Array(rows.length);
  const gaps = new Uint32Array(rows.length);
  rows.forEach(([bucket, row], i) => {
    gaps[i] = bucket - (i === 0 ? 0 : (rows[i - 1]?.[0] ?? 0));
    idf[i] = model.idf[row] as number;
    sortedCodes.set(codes.subarray(row * classes, (row + 1) * classes), i * classes);
  });
  return {
    kind: model.kind,
    labels: [...model.labels],
    temperature: model.temperature,
    thresholds: [...model.thresholds],
    floor: model.floor,
    bias: Array.from(model.weights.bias),
    quantum: model.quantum,
    buckets: pack(gaps),
    idf: pack(idf),
    weights: pack(sortedCodes),
  };
}

function fromJson(json: z.infer<typeof labelModelSchema>): LabelModel {
  const classes = json.labels.length;
  const gaps = new Uint32Array(unpack(json.buckets, 4));
  const idf = new Float32Array(unpack(json.idf, 4));
  const codes = new Int8Array(unpack(json.weights, 1));
  if (idf.length !== gaps.length || codes.length !== gaps.length * classes || json.bias.length !== classes || json.thresholds.length !== classes) {
    throw new Error(`weights: expected ${gaps.length} rows of ${classes} labels`);
  }
  const rowOf = new Map<number, number>();
  let bucket = 0;
  gaps.forEach((gap, row) => rowOf.set((bucket += gap), row));
  return {
    kind: json.kind,
    labels: json.labels,
    weights: dequantise({ classes, codes, scale: json.quantum }, Float32Array.from(json.bias)),
    quantum: json.quantum,
    rowOf,
    idf,
    temperature: json.temperature,
    thresholds: json.thresholds,
    floor: json.floor,
  };
}

function pack(array: Uint32Array | Float32Array | Int8Array): string {
  return deflateRawSync(Buffer.from(array.buffer, array.byteOffset, array.byteLength), { level: 6 }).toString('base64');
}

/** The bytes in a fresh buffer, aligned for a typed array of `width`-byte elements. */
function unpack(text: string, width: number): ArrayBuffer {
  const data = inflateRawSync(Buffer.from(text, 'base64'));
  if (data.length % width !== 0) throw new Error(`weights: ${data.length} bytes is not a whole number of ${width}-byte values`);
  const out = new ArrayBuffer(data.length);
  new Uint8Array(out).set(data);
  return out;
}
