import { stat } from 'node:fs/promises';
import path from 'node:path';
// Types only: the module itself is imported lazily in `loadPipeline`.
import type * as Xenova from '@xenova/transformers';
import { ConfigError } from '../../core/errors.js';
import { mapSentimentLabels, type LabelMeaning } from './label-mapping.js';
import { hasModelFolder, inspectModelFolder, MODEL_FOLDERS, type ModelFolder } from './model-folder.js';

/** A sentiment classifier read from `<model-dir>/sentiment`. */
export interface SentimentClassifier {
  readonly version: string;
  /** Languages the model may score: `languages` of `sentiment/verbatim.json`, default fr and en; `['*']` for all. */
  readonly languages: readonly string[];
  /** What each output label means, in label-id order (config.json `id2label`). */
  readonly labels: readonly LabelMeaning[];
  /** One probability row per text, in label-id order. */
  classify(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** A sentence embedder read from `<model-dir>/embeddings`: mean pooling, unit length. */
export interface TextEmbedder {
  readonly version: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** What a `--model-dir` holds; at least one of the two. */
export interface TransformerModels {
  readonly sentiment: SentimentClassifier | undefined;
  readonly embeddings: TextEmbedder | undefined;
}

export interface LoadOptions {
  /** Texts per inference call; texts are sorted by length first so little is padded. Default 16. */
  readonly inferenceBatchSize?: number;
}

/**
 * Loads the models of a `--model-dir`: `<dir>/sentiment` (a text-classification
 * model) and/or `<dir>/embeddings` (a feature-extraction model), each a
 * transformers.js folder (config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx or onnx/model_quantized.onnx).
 *
 * Local only: remote models are disabled, nothing is cached or written, and
 * `@xenova/transformers` is imported here, lazily, so the fast tier never loads it.
 *
 * @example const { sentiment, embeddings } = await loadTransformerModels('/srv/verbatim-models')
 */
export async function loadTransformerModels(modelDir: string, options: LoadOptions = {}): Promise<TransformerModels> {
  const info = await stat(modelDir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new ConfigError(`${modelDir}: model directory not found (--model-dir / VERBATIM_MODEL_DIR)`);
  const [hasSentiment, hasEmbeddings] = await Promise.all([
    hasModelFolder(modelDir, MODEL_FOLDERS.sentiment),
    hasModelFolder(modelDir, MODEL_FOLDERS.embeddings),
  ]);
  if (!hasSentiment && !hasEmbeddings) {
    throw new ConfigError(
      `${modelDir}: no model folder: expected ${path.join(modelDir, MODEL_FOLDERS.sentiment)} (text classification) and/or ${path.join(modelDir, MODEL_FOLDERS.embeddings)} (feature extraction)`,
    );
  }
  return {
    sentiment: hasSentiment ? await loadSentimentClassifier(modelDir, options) : undefined,
    embeddings: hasEmbeddings ? await loadTextEmbedder(modelDir, options) : undefined,
  };
}

/** `<modelDir>/sentiment` as a classifier whose labels map onto ours (see `mapSentimentLabels`). */
export async function loadSentimentClassifier(modelDir: string, options: LoadOptions = {}): Promise<SentimentClassifier> {
  const folder = await inspectModelFolder(modelDir, MODEL_FOLDERS.sentiment);
  const id2label = folder.config['id2label'];
  const labels = mapSentimentLabels(id2label, path.join(folder.path, 'config.json'));
  const indexByName = new Map(labels.map((_, id) => [(id2label as Record<string, string>)[String(id)] as string, id]));
  const classifier = await loadPipeline(modelDir, folder, 'text-classification');
  const batchSize = inferenceBatchSize(options);
  return {
    version: folder.version,
    languages: folder.settings.languages,
    labels,
    classify: (texts, signal) =>
      inferInChunks(texts, batchSize, signal, async (chunk) => {
        const output = (await classifier(chunk, { topk: labels.length })) as { label: string; score: number }[][];
        return output.map((ranked) => {
          const row = new Array<number>(labels.length).fill(0);
          for (const { label, score } of ranked) {
            const id = indexByName.get(label);
            if (id !== undefined) row[id] = score;
          }
          // Multi-label models (sigmoid per label) do not sum to 1: share the mass out.
          const total = row.reduce((sum, p) => sum + p, 0);
          return total > 0 ? row.map((p) => p / total) : row;
        });
      }),
  };
}

/** `<modelDir>/embeddings` as a sentence embedder (mean pooling over tokens, then unit length). */
export async function loadTextEmbedder(modelDir: string, options: LoadOptions = {}): Promise<TextEmbedder> {
  const folder = await inspectModelFolder(modelDir, MODEL_FOLDERS.embeddings);
  const extractor = await loadPipeline(modelDir, folder, 'feature-extraction');
  const batchSize = inferenceBatchSize(options);
  return {
    version: folder.version,
    embed: (texts, signal) =>
      inferInChunks(texts, batchSize, signal, async (chunk) => {
        const tensor = await extractor(chunk, { pooling: 'mean', normalize: true });
        const width = tensor.dims[tensor.dims.length - 1] ?? 0;
        const data = tensor.data as Float32Array;
        // A text of tokens with zero vectors normalises to NaN (0 / 0): read it as the zero vector.
        return chunk.map((_, row) => data.slice(row * width, (row + 1) * width).map((value) => (Number.isFinite(value) ? value : 0)));
      }),
  };
}

type Transformers = typeof Xenova;
type Pipelines = { 'text-classification': Awaited<ReturnType<typeof loadClassification>>; 'feature-extraction': Awaited<ReturnType<typeof loadExtraction>> };

function loadClassification(transformers: Transformers, name: string, quantized: boolean) {
  return transformers.pipeline('text-classification', name, { quantized, local_files_only: true });
}

function loadExtraction(transformers: Transformers, name: string, quantized: boolean) {
  return transformers.pipeline('feature-extraction', name, { quantized, local_files_only: true });
}

/** transformers.js reads its settings from one global `env`: loads take turns so two model dirs never mix. */
let loading: Promise<unknown> = Promise.resolve();

async function loadPipeline<T extends keyof Pipelines>(modelDir: string, folder: ModelFolder, task: T): Promise<Pipelines[T]> {
  const run = loading.then(async () => {
    const transformers = await import('@xenova/transformers');
    const { env } = transformers;
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = path.resolve(modelDir);
    env.useFS = true;
    env.useFSCache = false;
    env.useBrowserCache = false;
    env.useCustomCache = false;
    try {
      return task === 'text-classification'
        ? await loadClassification(transformers, folder.name, folder.quantized)
        : await loadExtraction(transformers, folder.name, folder.quantized);
    } catch (error) {
      throw new ConfigError(`${folder.path}: cannot load the ${task} model: ${(error as Error).message}`);
    }
  });
  loading = run.catch(() => undefined);
  return (await run) as Pipelines[T];
}

function inferenceBatchSize(options: LoadOptions): number {
  const size = options.inferenceBatchSize ?? 16;
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`Expected \`inferenceBatchSize\` to be a number from 1 and up, got \`${size}\` (${typeof size})`);
  return size;
}

/**
 * Runs `infer` on chunks of texts of similar length (less padding), and puts
 * the results back in input order. Stops between chunks when `signal` aborts.
 */
export async function inferInChunks<R>(
  texts: readonly string[],
  size: number,
  signal: AbortSignal | undefined,
  infer: (chunk: string[]) => Promise<R[]>,
): Promise<R[]> {
  const order = texts.map((_, index) => index).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
  const results = new Array<R>(texts.length);
  for (let start = 0; start < order.length; start += size) {
    signal?.throwIfAborted();
    const indices = order.slice(start, start + size);
    const out = await infer(indices.map((index) => texts[index] as string));
    indices.forEach((index, row) => (results[index] = out[row] as R));
  }
  return results;
}
