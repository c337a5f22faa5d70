import type { Queue } from 'bullmq';

/** How a tracked job ended. */
export type JobOutcome =
  | { readonly kind: 'completed'; readonly jobId: string; readonly ids: readonly string[] }
  | { readonly kind: 'failed'; readonly jobId: string; readonly ids: readonly string[]; readonly reason: string }
  /** The job is gone without a trace (Redis lost its data): its verbatims are still pending and are queued again. */
  | { readonly kind: 'lost'; readonly jobId: string; readonly ids: readonly string[] };

/** States BullMQ reports for a job that is neither finished nor gone. */
const UNFINISHED = new Set(['waiting', 'wait', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** State look-ups sent at once (one Redis round trip's worth on a pipelined connection). */
const LOOKUPS_AT_ONCE = 100;

/**
 * The jobs one producer queued and still waits for, oldest first. `poll()` asks
 * Redis where each stands and hands back those that ended. Polling (rather than an
 * event stream) cannot miss an ending while the producer is disconnected.
 */
export class JobTracker {
  readonly #queue: Pick<Queue, 'getJobState' | 'getJob'>;
  readonly #outstanding = new Map<string, readonly string[]>();

  constructor(queue: Pick<Queue, 'getJobState' | 'getJob'>) {
    this.#queue = queue;
  }

  /** Jobs queued and not yet seen ending. */
  get size(): number {
    return this.#outstanding.size;
  }

  track(jobId: string, ids: readonly string[]): void {
    this.#outstanding.set(jobId, ids);
  }

  /** One look at every outstanding job; those that ended leave the tracker. Throws when Redis is unreachable (call again later). */
  async poll(): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    const jobIds = [...this.#outstanding.keys()];
    for (let start = 0; start < jobIds.length; start += LOOKUPS_AT_ONCE) {
      const chunk = jobIds.slice(start, start + LOOKUPS_AT_ONCE);
      const states = await Promise.all(chunk.map((jobId) => this.#queue.getJobState(jobId)));
      for (const [index, state] of states.entries()) {
        const jobId = chunk[index];
        const ids = jobId === undefined ? undefined : this.#outstanding.get(jobId);
        if (jobId === undefined || ids === undefined || UNFINISHED.has(state)) continue;
        if (state === 'completed') outcomes.push({ kind: 'completed', jobId, ids });
        else if (state === 'failed') outcomes.push({ kind: 'failed', jobId, ids, reason: await this.#failedReason(jobId) });
        else outcomes.push({ kind: 'lost', jobId, ids });
        this.#outstanding.delete(jobId);
      }
    }
    return outcomes;
  }

  async #failedReason(jobId: string): Promise<string> {
    const job = await this.#queue.getJob(jobId);
    return job?.failedReason || 'failed (no reason recorded)';
  }
}
