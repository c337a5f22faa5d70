import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ConfigError } from '../../core/errors.js';
import { arrayAt, literalAt, numberAt, objectAt, stringAt } from '../file-shape.js';
import type { ClassifierScorers } from './classifier-scorers.js';
import { FeatureIds } from './feature-ids.js';
import { featureNamesOf, IdCompiledModels, type CompressedRows } from './id-compiled-models.js';
import { idCompiledScorer } from './label-scorer.js';
import { parseTrainedClassifiers, type TrainedClassifiers } from './trained-classifiers.js';

/**
 * The bundled (format-2) classifiers compiled ahead of time: the vocabulary and each model's
 * compressed rows (`IdCompiledModels`) as typed arrays, so a thread reads them in a few
 * milliseconds instead of parsing 5.6 MB of JSON and rebuilding the rows (≈ 0.5 s of CPU).
 * The JSON file stays the source; this one records its SHA-256 and is used only while it
 * matches (`loadCompiledScorers`).
 *
 * Layout: `VBCC`, the header's byte length (u32 LE), the header (JSON), then 8-byte aligned
 * sections: the feature names joined by `\n`, and for each model in `MODEL_ORDER` its row starts
 * (i32), weights (f64) and label indexes (u8).
 */
export const COMPILED_CLASSIFIERS_FORMAT = 'verbatim-compiled-classifiers/1';

const MAGIC = 'VBCC';
const MODEL_ORDER = ['sentiment', 'themes', 'journey'] as const;
type ModelKind = (typeof MODEL_ORDER)[number];

interface ModelHeader {
  readonly labels: readonly string[];
  readonly threshold: number;
  readonly bias: readonly number[];
  readonly entries: number;
}

interface Header {
  readonly format: typeof COMPILED_CLASSIFIERS_FORMAT;
  /** SHA-256 of the classifier file's bytes it was compiled from. */
  readonly source: string;
  readonly trainedAt: string;
  readonly names: number;
  readonly namesBytes: number;
  readonly models: Readonly<Record<ModelKind, ModelHeader>>;
}

/** The three scorers of a classifier file and when it was trained. */
export type ScorersWithDate = ClassifierScorers & { readonly trainedAt: string };

/**
 * The compiled form of `classifiers`, which were read from a file of bytes `source`.
 * Deterministic: the same file gives the same bytes.
 */
export function compileClassifiers(classifiers: TrainedClassifiers, source: Uint8Array): Buffer {
  const names = [...featureNamesOf(classifiers.sentiment, classifiers.themes, classifiers.journey)];
  const newline = names.find((name) => name.includes('\n'));
  if (newline !== undefined) throw new Error(`feature ${JSON.stringify(newline)} holds a line break: it cannot be stored one a line`);
  const ids = new FeatureIds(names);
  const rows = MODEL_ORDER.map((kind) => IdCompiledModels.fromModels(classifiers[kind].models, ids).rows);
  for (const [index, { labels }] of rows.entries()) if (labels.length > 256) throw new Error(`${MODEL_ORDER[index]}: ${labels.length} labels, at most 256 fit a byte`);
  const namesBytes = Buffer.from(names.join('\n'));
  const modelHeader = (kind: ModelKind, row: CompressedRows): ModelHeader => ({ labels: row.labels, threshold: classifiers[kind].threshold, bias: [...row.bias], entries: row.weight.length });
  const [sentiment, themes, journey] = rows as [CompressedRows, CompressedRows, CompressedRows];
  const models = { sentiment: modelHeader('sentiment', sentiment), themes: modelHeader('themes', themes), journey: modelHeader('journey', journey) };
  const header: Header = { format: COMPILED_CLASSIFIERS_FORMAT, source: sha256(source), trainedAt: classifiers.trainedAt, names: names.length, namesBytes: namesBytes.length, models };
  const parts: Buffer[] = [Buffer.from(JSON.stringify(header)), namesBytes];
  for (const row of rows) parts.push(bytesOf(row.start), bytesOf(row.weight), Buffer.from(Uint8Array.from(row.labelOf)));
  const lead = Buffer.alloc(8);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(parts[0]?.length ?? 0, 4);
  return Buffer.concat([lead, ...parts.map(padded)]);
}

/** Compiles the classifier file `sourceFile` (format 2) into `compiledFile`, from the file as read back: what `enrich` would read. */
export async function writeCompiledClassifiers(sourceFile: string, compiledFile: string): Promise<void> {
  const source = await readFile(sourceFile);
  await writeFile(compiledFile, compileClassifiers(parseTrainedClassifiers(JSON.parse((sourceFile.endsWith('.gz') ? gunzipSync(source) : source).toString('utf8')), sourceFile), source));
}

/**
 * The scorers of `compiledFile`, when it was compiled from `sourceFile` as that file is now;
 * undefined when it is missing or compiled from other bytes (the caller reads the source).
 * A damaged file is a ConfigError naming it and the part.
 *
 * @example const scorers = await loadCompiledScorers('classifiers.json.gz', 'classifiers.compiled.bin')
 */
export async function loadCompiledScorers(sourceFile: string, compiledFile: string): Promise<ScorersWithDate | undefined> {
  let compiled: Buffer;
  let source: Buffer;
  try {
    [compiled, source] = await Promise.all([readFile(compiledFile), readFile(sourceFile)]);
  } catch {
    return undefined;
  }
  const header = readHeader(compiled, compiledFile);
  if (header.source !== sha256(source)) return undefined;
  return scorersOf(header, compiled, compiledFile);
}

function readHeader(bytes: Buffer, file: string): Header {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw damaged(file, `expected a file starting with ${MAGIC}`);
  const length = bytes.readUInt32LE(4);
  try {
    return headerAt(JSON.parse(bytes.toString('utf8', 8, 8 + length)));
  } catch (error) {
    throw damaged(file, `header: ${(error as Error).message}`);
  }
}

/** The header's fields, checked (a ShapeError or a JSON error names what is wrong). */
function headerAt(raw: unknown): Header {
  const data = objectAt(raw, '');
  const count = { integer: true, min: 0 };
  const models = objectAt(data['models'], 'models');
  const modelAt = (kind: ModelKind): ModelHeader => {
    const model = objectAt(models[kind], `models.${kind}`);
    return {
      labels: arrayAt(model['labels'], `models.${kind}.labels`, stringAt),
      threshold: numberAt(model['threshold'], `models.${kind}.threshold`, { min: 0, max: 1 }),
      bias: arrayAt(model['bias'], `models.${kind}.bias`, numberAt),
      entries: numberAt(model['entries'], `models.${kind}.entries`, count),
    };
  };
  return {
    format: literalAt(data['format'], 'format', COMPILED_CLASSIFIERS_FORMAT, `a file of format ${COMPILED_CLASSIFIERS_FORMAT}`),
    source: stringAt(data['source'], 'source'),
    trainedAt: stringAt(data['trainedAt'], 'trainedAt'),
    names: numberAt(data['names'], 'names', count),
    namesBytes: numberAt(data['namesBytes'], 'namesBytes', count),
    models: { sentiment: modelAt('sentiment'), themes: modelAt('themes'), journey: modelAt('journey') },
  };
}

function scorersOf(header: Header, bytes: Buffer, file: string): ScorersWithDate {
  // Typed arrays need aligned offsets: the sections are aligned from the file's first byte.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  let at = align(8 + bytes.readUInt32LE(4));
  const take = (length: number, what: string): number => {
    const from = at;
    if (from + length > buffer.length) throw damaged(file, `${what}: the file ends ${from + length - buffer.length} bytes early`);
    at = align(from + length);
    return buffer.byteOffset + from;
  };
  const namesFrom = take(header.namesBytes, 'names') - buffer.byteOffset;
  const names = buffer.toString('utf8', namesFrom, namesFrom + header.namesBytes);
  const nameList = names.length === 0 ? [] : names.split('\n');
  if (nameList.length !== header.names) throw damaged(file, `names: expected ${header.names}, got ${nameList.length}`);
  const ids = new FeatureIds(nameList);
  const scorer = (kind: ModelKind): ScorersWithDate[ModelKind] => {
    const model = header.models[kind];
    const start = new Int32Array(buffer.buffer, take((header.names + 1) * 4, `${kind}.start`), header.names + 1);
    const weight = new Float64Array(buffer.buffer, take(model.entries * 8, `${kind}.weight`), model.entries);
    const labelOf = new Int32Array(new Uint8Array(buffer.buffer, take(model.entries, `${kind}.labelOf`), model.entries));
    checkRows(start, labelOf, model, `${file}: ${kind}`);
    const rows: CompressedRows = { labels: model.labels, bias: Float64Array.from(model.bias), start, labelOf, weight };
    return idCompiledScorer(new IdCompiledModels(rows), model.threshold, ids, kind === 'journey');
  };
  return { sentiment: scorer('sentiment'), themes: scorer('themes'), journey: scorer('journey'), trainedAt: header.trainedAt };
}

/** Rows that start at 0, never go back and end at the last entry, with labels the model has: reading them cannot go out of bounds. */
function checkRows(start: Int32Array, labelOf: Int32Array, model: ModelHeader, where: string): void {
  if (model.bias.length !== model.labels.length) throw new ConfigError(`${where}.bias: expected ${model.labels.length} values, got ${model.bias.length}`);
  if (start[0] !== 0 || start[start.length - 1] !== model.entries) throw new ConfigError(`${where}.start: expected rows from 0 to ${model.entries}`);
  for (let id = 1; id < start.length; id++) if ((start[id] as number) < (start[id - 1] as number)) throw new ConfigError(`${where}.start: row ${id - 1} ends before it starts`);
  for (const label of labelOf) if (label >= model.labels.length) throw new ConfigError(`${where}.labelOf: label ${label} of ${model.labels.length}`);
}

function damaged(file: string, detail: string): ConfigError {
  return new ConfigError(`${file}: ${detail} (rebuild it: node dist/models/classifier/compile-bundled-main.js)`);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function bytesOf(array: Int32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/** The part padded with spaces (the header and names are text) to a multiple of 8 bytes. */
function padded(part: Buffer): Buffer {
  const extra = align(part.length) - part.length;
  return extra === 0 ? part : Buffer.concat([part, Buffer.alloc(extra, ' ')]);
}
