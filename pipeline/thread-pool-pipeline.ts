import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Pipeline } from './create-pipeline.js';
import type { StageContext } from './stage.js';
import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';

/** What the pool sends an enrichment thread: one batch, and the clock reading to use for it. */
export interface ThreadRequest {
  readonly id: number;
  readonly batch: readonly Verbatim[];
  readonly now: Date;
  /** The URL of a module exporting a {@link BatchEncoder} as `encodeBatch`: the thread also answers what it makes of the enriched batch. */
  readonly encoder?: string;
}

/**
 * Work on an enriched batch done on the thread that enriched it rather than by the caller (which is
 * the import's bottleneck): the caller's store encoding its rows, say (db/enriched-row-bytes.ts). The
 * thread loads it from a module (a URL: what the store is, the pipeline does not know). Undefined:
 * nothing to hand over for this batch (the caller does the work itself). `transfer`: buffers of
 * `value` moved rather than copied across the thread boundary (no longer usable by the thread).
 */
export type BatchEncoder = (enriched: readonly EnrichedVerbatim[]) => { readonly value: unknown; readonly transfer: readonly ArrayBuffer[] } | undefined;

/** A batch enriched, and what the encoder made of it (undefined when none was asked for or it gave nothing). */
export interface EncodedEnrichment {
  readonly enriched: EnrichedVerbatim[];
  readonly encoded: unknown;
}

/** What an enrichment thread answers. */
export type ThreadReply =
  | { readonly kind: 'ready'; readonly modelVersions: Readonly<Record<string, string>> }
  | { readonly kind: 'start-failed'; readonly error: ThreadErrorInfo }
  | { readonly kind: 'done'; readonly id: number; readonly enriched: EnrichedVerbatim[]; readonly encoded?: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: ThreadErrorInfo };

/** An error as it crosses a thread boundary: its class name and message. */
export interface ThreadErrorInfo {
  readonly name: string;
  readonly message: string;
}

export interface ThreadPoolOptions {
  /** Threads to start, from 1 up; each loads its own models. */
  readonly threads: number;
  /** The thread's module (it answers `ThreadRequest`s with `ThreadReply`s on its parent port). */
  readonly entry: URL | string;
  /** Evaluate `entry` as code rather than load it as a file (tests). */
  readonly eval?: boolean;
  readonly workerData?: unknown;
  /** Each thread's heap limits (`Worker`'s `resourceLimits`): see pipeline/enrichment-pipeline.ts. */
  readonly resourceLimits?: ResourceLimits;
  /** Turns an error reported by a thread back into an error of the caller's own classes. */
  readonly reviveError?: (error: ThreadErrorInfo) => Error;
}

/** A pipeline whose batches run on worker threads. `close` stops the threads. */
export interface ThreadPoolPipeline extends Pipeline {
  readonly threads: number;
  /**
   * `enrich`, and the thread then runs the `encodeBatch` export of the module at `encoder` (a
   * {@link BatchEncoder}) on the enriched batch: its value comes back with the batch.
   */
  enrichEncoded?(batch: readonly Verbatim[], ctx: StageContext, encoder: string): Promise<EncodedEnrichment>;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (enrichment: EncodedEnrichment) => void;
  readonly reject: (error: Error) => void;
}

/** One worker thread and the batches it has in hand. */
class EnrichmentThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #revive: (error: ThreadErrorInfo) => Error;
  #dead: Error | undefined;
  #closing = false;
  readonly ready: Promise<Readonly<Record<string, string>>>;

  constructor(options: ThreadPoolOptions) {
    this.#revive = options.reviveError ?? ((info) => Object.assign(new Error(info.message), { name: info.name }));
    this.#worker = new Worker(options.entry, { eval: options.eval ?? false, workerData: options.workerData, ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }) });
    this.ready = new Promise((resolve, reject) => {
      this.#worker.on('message', (reply: ThreadReply) => {
        if (reply.kind === 'ready') resolve(reply.modelVersions);
        else if (reply.kind === 'start-failed') reject(this.#die(this.#revive(reply.error)));
        else this.#settle(reply);
      });
      const fail = (error: Error): void => reject(this.#die(error));
      this.#worker.on('error', fail);
      this.#worker.on('exit', (code) => {
        if (!this.#closing) fail(new Error(`an enrichment thread stopped (exit code ${code})`));
      });
    });
    // Start-up failures are read through `ready`; a rejection nobody awaits yet must not crash the process.
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.#dead === undefined;
  }

  enrich(request: ThreadRequest): Promise<EncodedEnrichment> {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise((resolve, reject) => {
      this.#pending.set(request.id, { resolve, reject });
      this.#worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#worker.terminate();
  }

  #settle(reply: Extract<ThreadReply, { id: number }>): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.kind === 'done') pending.resolve({ enriched: reply.enriched, encoded: reply.encoded });
    else pending.reject(this.#revive(reply.error));
  }

  /** A thread that crashed takes the batches in its hands with it; later ones go to the threads still alive. */
  #die(error: Error): Error {
    this.#dead ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#dead);
    this.#pending.clear();
    return this.#dead;
  }
}

/**
 * Runs the pipeline on `threads` worker threads, so enrichment uses every core
 * while the calling thread reads, parses and writes. Batches go to the threads in
 * turn (batch k to thread k mod n), so a run over the same input is the same
 * whatever the timing (a thread that dies hands its turns to the next one alive).
 * Resolves once the first thread has loaded its models; a thread that cannot start
 * (a bad taxonomy file, say) rejects with its error. The other threads start with the
 * first batch sent their way: a run of one batch loads the models once, not once a core.
 *
 * @example
 * const pipeline = await startThreadPoolPipeline({ threads: 2, entry: new URL('./enrich-thread.js', import.meta.url) });
 * try { await pipeline.enrich(batch, ctx) } finally { await pipeline.close() }
 */
export async function startThreadPoolPipeline(options: ThreadPoolOptions): Promise<ThreadPoolPipeline> {
  if (!Number.isInteger(options.threads) || options.threads < 1) {
    throw new TypeError(`Expected \`threads\` to be a number from 1 and up, got \`${options.threads}\` (${typeof options.threads})`);
  }
  const threads = new LazyThreads(options);
  let modelVersions: Readonly<Record<string, string>>;
  try {
    modelVersions = await threads.at(0).ready;
  } catch (error) {
    await threads.close();
    throw error;
  }
  let nextId = 0;
  return {
    threads: options.threads,
    modelVersions,
    enrich(batch: readonly Verbatim[], ctx: StageContext): Promise<EnrichedVerbatim[]> {
      ctx.signal.throwIfAborted();
      const id = nextId++;
      return threads.pick(id).enrich({ id, batch, now: ctx.now() }).then(({ enriched }) => enriched);
    },
    enrichEncoded(batch: readonly Verbatim[], ctx: StageContext, encoder: string): Promise<EncodedEnrichment> {
      ctx.signal.throwIfAborted();
      const id = nextId++;
      return threads.pick(id).enrich({ id, batch, now: ctx.now(), encoder });
    },
    close: () => threads.close(),
  };
}

/** The pool's `threads` slots, each thread started the first time a batch is sent its way. */
class LazyThreads {
  readonly #options: ThreadPoolOptions;
  readonly #started: (EnrichmentThread | undefined)[];

  constructor(options: ThreadPoolOptions) {
    this.#options = options;
    this.#started = Array.from({ length: options.threads }, () => undefined);
  }

  at(slot: number): EnrichmentThread {
    return (this.#started[slot] ??= new EnrichmentThread(this.#options));
  }

  /** Batch `id` goes to thread `id mod n`, or to the next one alive when that one died; all dead, it rejects there. */
  pick(id: number): EnrichmentThread {
    const count = this.#started.length;
    for (let offset = 0; offset < count; offset += 1) {
      const candidate = this.at((id + offset) % count);
      if (candidate.alive) return candidate;
    }
    return this.at(id % count);
  }

  async close(): Promise<void> {
    await Promise.all(this.#started.map((thread) => thread?.close()));
  }
}
