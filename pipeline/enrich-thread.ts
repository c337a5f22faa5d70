/**
 * The body of one enrichment thread (see pipeline/thread-pool-pipeline.ts): loads
 * the models the command was given (see pipeline/enrichment-pipeline.ts), then enriches the batches it is sent, one at
 * a time, in the order they come.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import { createPipeline } from './create-pipeline.js';
import type { EnrichThreadData } from './enrichment-pipeline.js';
import { loadModels } from './load-models.js';
import type { ThreadErrorInfo, ThreadReply, ThreadRequest } from './thread-pool-pipeline.js';

const port = parentPort;
if (port === null) throw new Error('pipeline/enrich-thread.js runs as a worker thread only');
const data = workerData as EnrichThreadData;
const reply = (message: ThreadReply): void => port.postMessage(message);
const describe = (error: unknown): ThreadErrorInfo => {
  if (error instanceof InputError) return { name: error.name, message: error.describe() };
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
};

try {
  const pipeline = createPipeline(await loadModels(data.places, data.choice, data.shared));
  const signal = new AbortController().signal;
  // One batch at a time: a model may keep state across batches (the per-source language prior).
  let previous = Promise.resolve();
  port.on('message', (request: ThreadRequest) => {
    previous = previous.then(async () => {
      try {
        reply({ kind: 'done', id: request.id, enriched: await pipeline.enrich(request.batch, { signal, now: () => request.now }) });
      } catch (error) {
        reply({ kind: 'failed', id: request.id, error: describe(error) });
      }
    });
  });
  reply({ kind: 'ready', modelVersions: pipeline.modelVersions });
} catch (error) {
  reply({ kind: 'start-failed', error: describe(error) });
}
