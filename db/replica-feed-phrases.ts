import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../core/package-root.js';

/** A page's commented verbatims: source ids and their stored texts (without NUL), in the same order. */
export interface PhraseRequest {
  readonly id: number;
  readonly ids: readonly string[];
  readonly texts: readonly string[];
}

/**
 * The tokeniser's heap: a page's texts and lines (a few MB) and nothing kept between pages. A small
 * young generation (V8's default is 32 MB of semi-spaces, committed once used) and an old one
 * under 1 GB, so that V8 grows it by 1.3 times what survives instead of 4 times (db/README.md).
 */
const PHRASE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } as const;

/** The page's `phraseLines` (db/analytics-replica-phrases.ts: one `{"i", "p"}` line a verbatim with phrases), or why not. */
export type PhraseReply = { readonly id: number; readonly lines: string } | { readonly id: number; readonly error: string };

/**
 * The replica feed's tokeniser (db/replica-feed.ts): one worker thread that turns a page's comments
 * into phrase lines. Measured on `import --enrich` of 100,000 answers, `phrasesOf` was a third of the
 * feed's work on the main thread, the thread that bounds the import; the texts cross as two arrays
 * of strings, a copy, and one string comes back. Started on the first page; `close` ends it.
 *
 * @example const thread = new PhraseThread(); const lines = await thread.lines(ids, texts); await thread.close();
 */
export class PhraseThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (lines: string) => void; reject: (error: Error) => void }>();
  #next = 0;
  #failed: Error | undefined;

  constructor(entry: URL = phraseThreadEntry(import.meta.url)) {
    this.#worker = new Worker(entry, { resourceLimits: PHRASE_THREAD_LIMITS });
    // Not keeping the process alive: an import that fails between pages still exits.
    this.#worker.unref();
    this.#worker.on('message', (reply: PhraseReply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(`tokenising a page failed: ${reply.error}`));
      else waiting?.resolve(reply.lines);
    });
    const fail = (error: Error): void => {
      this.#failed ??= error;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the tokeniser thread exited (code ${code})`)));
  }

  /** The phrase lines of these comments (`ids[k]` wrote `texts[k]`). */
  lines(ids: readonly string[], texts: readonly string[]): Promise<string> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ids, texts } satisfies PhraseRequest);
    });
  }

  async close(): Promise<void> {
    this.#failed ??= new Error('the tokeniser thread is closed');
    await this.#worker.terminate();
  }
}

/**
 * The thread's module next to this one, or the compiled one of `dist/` when this runs from the
 * sources (vitest: a worker thread cannot load TypeScript), as pipeline/enrichment-pipeline.ts does.
 */
export function phraseThreadEntry(moduleUrl: string): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL('./replica-feed-phrases-thread.js', moduleUrl);
  return pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'db', 'replica-feed-phrases-thread.js'));
}
