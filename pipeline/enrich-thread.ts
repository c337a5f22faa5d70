/**
 * The body of one enrichment thread (see pipeline/thread-pool-pipeline.ts): loads
 * the models the command was given (see pipeline/enrichment-pipeline.ts), then enriches the batches it is sent, one at
 * a time, in the order they come — and encodes them when the request names an encoder.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import type { EnrichedVerbatim } from '../core/verbatim.js';
import { createPipeline } from './create-pipeline.js';
import type { EnrichThreadData } from './enrichment-pipeline.js';
import { loadModels } from './load-models.js';
import type { BatchEncoder, ThreadErrorInfo, ThreadReply, ThreadRequest } from './thread-pool-pipeline.js';

const port = parentPort;
if (port === null) throw new Error('pipeline/enrich-thread.js runs as a worker thread only');
const data = workerData as EnrichThreadData;
const reply = (message: ThreadReply, transfer: readonly ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const describe = (error: unknown): ThreadErrorInfo => {
  if (error instanceof InputError) return { name: error.name, message: error.describe() };
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
};

/** Encoders by module URL, each loaded once. */
const encoders = new Map<string, Promise<BatchEncoder>>();
const encoderAt = (url: string): Promise<BatchEncoder> => {
  let encoder = encoders.get(url);
  if (encoder === undefined) {
    encoder = import(url).then((module: { encodeBatch?: unknown }) => {
      if (typeof module.encodeBatch !== 'function') throw new Error(`${url} exports no \`encodeBatch\` function`);
      return module.encodeBatch as BatchEncoder;
    });
    encoders.set(url, encoder);
  }
  return encoder;
};

/**
 * The batch encoded when asked. An encoder that cannot be loaded or throws does not fail the
 * batch, which is enriched: the caller then does the encoder's work itself.
 */
async function encoded(enriched: readonly EnrichedVerbatim[], url: string | undefined): Promise<{ value: unknown; transfer: readonly ArrayBuffer[] }> {
  if (url === undefined) return { value: undefined, transfer: [] };
  try {
    return (await encoderAt(url))(enriched) ?? { value: undefined, transfer: [] };
  } catch {
    return { value: undefined, transfer: [] };
  }
}

try {
  const pipeline = createPipeline(await loadModels(data.places, data.choice, data.shared));
  const signal = new AbortController().signal;
  // One batch at a time: a model may keep state across batches (the per-source language prior).
  let previous = Promise.resolve();
  port.on('message', (request: ThreadRequest) => {
    previous = previous.then(async () => {
      try {
        const enriched = await pipeline.enrich(request.batch, { signal, now: () => request.now });
        const { value, transfer } = await encoded(enriched, request.encoder);
        reply({ kind: 'done', id: request.id, enriched, ...(value === undefined ? {} : { encoded: value }) }, transfer);
      } catch (error) {
        reply({ kind: 'failed', id: request.id, error: describe(error) });
      }
    });
  });
  reply({ kind: 'ready', modelVersions: pipeline.modelVersions });
} catch (error) {
  reply({ kind: 'start-failed', error: describe(error) });
}
