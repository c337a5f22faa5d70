/**
 * The body of the replica feed's tokeniser thread (db/replica-feed-phrases.ts): for each page it
 * is sent, the `phraseLines` of its comments, so `phrasesOf` runs beside the import's main thread
 * (PGlite's) instead of on it.
 */
import { parentPort } from 'node:worker_threads';
import { phrasesOf } from '../core/text-phrases.js';
import type { PhraseReply, PhraseRequest } from './replica-feed-phrases.js';

const port = parentPort;
if (port === null) throw new Error('db/replica-feed-phrases-thread.js runs as a worker thread only');
port.on('message', (request: PhraseRequest) => {
  try {
    const out: string[] = [];
    for (let k = 0; k < request.ids.length; k += 1) {
      const phrases = phrasesOf(request.texts[k] as string);
      if (phrases.size > 0) out.push(JSON.stringify({ i: request.ids[k], p: [...phrases] }));
    }
    port.postMessage({ id: request.id, lines: out.join('\n') } satisfies PhraseReply);
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies PhraseReply);
  }
});
