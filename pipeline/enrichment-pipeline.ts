import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, InputError, UsageError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { createPipeline } from './create-pipeline.js';
import { loadModels, loadSharedModelData, resolveModelDir, type ModelChoice, type ModelPlaces, type SharedModelData } from './load-models.js';
import type { ThreadErrorInfo, ThreadPoolPipeline } from './thread-pool-pipeline.js';

/** Most cores worth a thread: beyond this the calling thread (parsing, writing) is the bottleneck. */
const MAX_DEFAULT_THREADS = 4;

/**
 * An enrichment thread's old generation, in MB: four times the most it was seen to hold (models
 * ≈ 70 MB and a batch's records, 250 MB with garbage), so the ceiling is not what it is for. V8 lets
 * a heap grow to up to 4 times what survived its last full collection when the ceiling is 2 GB or
 * more (the default here, 4 GB), and to 1.6 times with a ceiling of 1 GB: the two threads held
 * ≈ 150 MB of garbage each (db/README.md, "The import feeds the replica as it stores").
 */
export const ENRICH_THREAD_OLD_GENERATION_MB = 1024;

/** What an enrichment thread is told at start (plain data: it crosses a thread boundary). */
export interface EnrichThreadData {
  readonly places: ModelPlaces;
  readonly choice: ModelChoice;
  /** Built once by the calling thread, read in place by every enrichment thread. */
  readonly shared: SharedModelData;
}

/** A pipeline to enrich with, how many threads run it (1: the calling thread itself), and how to let go of it. */
export type EnrichmentPipeline = ThreadPoolPipeline;

/**
 * The default thread count: one a core (up to 4) on the fast tier; 1 with a model
 * folder, whose ONNX runtime already spreads one inference over the cores.
 */
export function defaultThreads(places: ModelPlaces, choice: ModelChoice): number {
  return resolveModelDir(places, choice) !== undefined ? 1 : Math.max(1, Math.min(MAX_DEFAULT_THREADS, availableParallelism()));
}

/** Batches in flight for `threads` enrichment threads: one each, plus one being read or saved meanwhile. */
export function defaultConcurrency(threads: number): number {
  return threads === 1 ? 1 : threads + 1;
}

/**
 * The models of `choice` behind a pipeline: in this thread when `threads` is 1,
 * else on that many worker threads (each loads its own copy of the models, but for the
 * data of {@link loadSharedModelData}, built once here and shared by all).
 *
 * @example
 * const pipeline = await openEnrichmentPipeline({ cwd, dataDir, modelDir: undefined }, { taxonomy: 'mine.yaml' }, 2);
 * try { … } finally { await pipeline.close() }
 */
export async function openEnrichmentPipeline(places: ModelPlaces, choice: ModelChoice, threads: number): Promise<EnrichmentPipeline> {
  // In a thread of its own even for one thread: this (long-lived) heap keeps only the flat tables.
  const shared = await loadSharedModelData();
  if (threads === 1) {
    const pipeline = createPipeline(await loadModels(places, choice, shared));
    return { modelVersions: pipeline.modelVersions, enrich: (batch, ctx) => pipeline.enrich(batch, ctx), threads: 1, close: async () => undefined };
  }
  const { startThreadPoolPipeline } = await import('./thread-pool-pipeline.js');
  const workerData: EnrichThreadData = { places, choice, shared };
  return startThreadPoolPipeline({ threads, entry: enrichThreadEntry(import.meta.url), workerData, reviveError, resourceLimits: { maxOldGenerationSizeMb: ENRICH_THREAD_OLD_GENERATION_MB } });
}

/**
 * The thread's module next to this one: `dist/pipeline/enrich-thread.js` when this
 * runs compiled. Run from the sources (vitest), this file is `.ts` and a worker
 * thread cannot load TypeScript, so the compiled thread of `dist/` is used (`npm run build`).
 *
 * @example enrichThreadEntry('file:///app/pipeline/enrichment-pipeline.ts') // file:///app/dist/pipeline/enrich-thread.js
 */
export function enrichThreadEntry(moduleUrl: string): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL('./enrich-thread.js', moduleUrl);
  return pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'pipeline', 'enrich-thread.js'));
}

/** The error classes that mean "the user's input or configuration" keep their class (and exit code 1) across the thread boundary. */
function reviveError(info: ThreadErrorInfo): Error {
  switch (info.name) {
    case 'ConfigError':
      return new ConfigError(info.message);
    case 'UsageError':
      return new UsageError(info.message);
    case 'InputError':
      return new InputError(info.message);
    default:
      return Object.assign(new Error(info.message), { name: info.name });
  }
}
