/**
 * Worker-thread entry of the training pool (`training-pool.ts`): fits one linear
 * model a message and sends its weights back, buffers transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { unpackExamples } from './packed-examples.js';
import type { LinearJob, LinearJobReply } from './training-pool.js';
import { trainLinear } from './train-linear.js';

const port = parentPort;
if (port === null) throw new Error('train-worker.js runs as a worker thread of the training pool');

port.on('message', (job: LinearJob) => {
  let reply: LinearJobReply;
  try {
    const weights = trainLinear(unpackExamples(job.examples, job.subset), job.options);
    reply = { weights };
    port.postMessage(reply, [weights.weights.buffer as ArrayBuffer, weights.bias.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
