import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SoftmaxWeights } from '../learned/softmax-regression.js';
import { unpackExamples, type PackedExamples } from './packed-examples.js';
import { trainLinear, type LinearTrainingOptions } from './train-linear.js';

/** One model to fit: the packed examples (shared, not copied), which of them (null: all), how. */
export interface LinearJob {
  readonly examples: PackedExamples;
  readonly subset: Int32Array | null;
  readonly options: LinearTrainingOptions;
}

/** What a worker answers: the weights (their buffers transferred), or why it failed. */
export type LinearJobReply = { readonly weights: SoftmaxWeights } | { readonly error: string };

/**
 * Fits linear models, on worker threads when there are several. Each job is a pure
 * function of its input, so the weights are the same bits whatever the thread count.
 *
 * @example const pool = createTrainingPool(2); try { await pool.train(job) } finally { await pool.close() }
 */
export interface TrainingPool {
  /** Threads that train at once (1: in this thread). */
  readonly threads: number;
  train(job: LinearJob): Promise<SoftmaxWeights>;
  /** Ends the workers; jobs still queued are rejected. */
  close(): Promise<void>;
}

/** The compiled worker; absent when the sources run untranspiled (tests): then training stays in this thread. */
const WORKER_URL = new URL('./train-worker.js', import.meta.url);

/** One thread per core, by default. */
export function defaultTrainingThreads(): number {
  return availableParallelism();
}

/**
 * A pool of `threads` workers (created as jobs arrive, at most one per queued job),
 * or this thread when `threads` ≤ 1 or the worker script is not compiled.
 */
export function createTrainingPool(threads: number = defaultTrainingThreads()): TrainingPool {
  if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`Expected \`threads\` to be an integer from 1 and up, got \`${threads}\``);
  if (threads === 1 || !existsSync(fileURLToPath(WORKER_URL))) return inThreadPool();
  return workerPool(threads);
}

function inThreadPool(): TrainingPool {
  return {
    threads: 1,
    train: (job) => Promise.resolve(trainLinear(unpackExamples(job.examples, job.subset), job.options)),
    close: () => Promise.resolve(),
  };
}

interface Pending {
  readonly job: LinearJob;
  readonly resolve: (weights: SoftmaxWeights) => void;
  readonly reject: (error: Error) => void;
}

function workerPool(threads: number): TrainingPool {
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  let closed = false;

  const dispatch = (): void => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (all.length < threads ? spawn() : undefined);
      if (worker === undefined) return;
      const pending = queue.shift() as Pending;
      busy.set(worker, pending);
      worker.postMessage(pending.job);
    }
  };
  const spawn = (): Worker => {
    const worker = new Worker(WORKER_URL);
    all.push(worker);
    worker.on('message', (reply: LinearJobReply) => {
      const pending = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (pending !== undefined) {
        if ('error' in reply) pending.reject(new Error(`training worker failed: ${reply.error}`));
        else pending.resolve(reply.weights);
      }
      dispatch();
    });
    // A crashed worker fails its job and is replaced for the jobs still queued.
    worker.on('error', (error) => {
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      all.splice(all.indexOf(worker), 1);
      if (!closed) dispatch();
    });
    return worker;
  };

  return {
    threads,
    train: (job) =>
      new Promise<SoftmaxWeights>((resolve, reject) => {
        if (closed) return reject(new Error('training pool is closed'));
        queue.push({ job, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('training pool closed before the job ran'));
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
