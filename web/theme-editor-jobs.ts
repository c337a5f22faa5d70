import type { RetagCount } from '../analysis/taxonomy-editing.js';

/** The background re-tag as the page shows it. */
export interface RetagJobState {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  /** The taxonomy version being (or last) re-tagged with. */
  readonly version: number | null;
  readonly done: number;
  readonly total: number;
  readonly error: string | null;
}

/**
 * One re-tag at a time for this server: `start` runs the work in the background and
 * records its progress, which `GET /themes/edit/progress` returns for the page to poll.
 * A failure is kept (and logged) until the next start.
 */
export class RetagJobs {
  #state: RetagJobState = { state: 'idle', version: null, done: 0, total: 0, error: null };
  #running: Promise<void> | undefined;
  #abort: AbortController | undefined;

  constructor(private readonly log: (line: string) => void) {}

  get current(): RetagJobState {
    return this.#state;
  }

  get running(): boolean {
    return this.#state.state === 'running';
  }

  /** Starts the re-tag of `version`; false (nothing started) while one runs. */
  start(version: number, work: (onProgress: (progress: RetagCount) => void, signal: AbortSignal) => Promise<RetagCount>): boolean {
    if (this.running) return false;
    this.#state = { state: 'running', version, done: 0, total: 0, error: null };
    this.#abort = new AbortController();
    this.#running = work((progress) => {
      this.#state = { ...this.#state, done: progress.done, total: progress.total };
    }, this.#abort.signal).then(
      (last) => {
        this.#state = { ...this.#state, state: 'done', done: last.done, total: last.total };
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.log(`verbatim serve: re-tag with taxonomy version ${version} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
        this.#state = { ...this.#state, state: 'failed', error: message };
      },
    );
    return true;
  }

  /** Resolves once the running re-tag (if any) has ended: for tests. */
  async settled(): Promise<void> {
    await this.#running;
  }

  /** Stops a running re-tag after its current page (server close); the version stays marked not re-tagged. */
  async stop(): Promise<void> {
    this.#abort?.abort(new Error('the server is closing'));
    await this.#running;
  }
}
