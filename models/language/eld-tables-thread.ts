/**
 * A short-lived worker thread (see models/language/shared-eld-tables.ts): reads eld's database,
 * flattens it onto SharedArrayBuffers, posts the tables and ends, taking eld's objects with it.
 */
import { parentPort } from 'node:worker_threads';
import { readEldTables } from './eld-tables.js';

if (parentPort === null) throw new Error('models/language/eld-tables-thread.js runs as a worker thread only');
parentPort.postMessage(await readEldTables({ shared: true }));
