import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import type { EldTables } from './eld-tables.js';
import { installedEldVersion, readEldTablesFile } from './eld-tables-file.js';

/** The tables built ahead of time from the installed eld (`npm run train:models`; models/language/eld-tables-file.ts). */
export const ELD_TABLES_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'eld-tables.bin');

/**
 * eld's n-gram tables on SharedArrayBuffers, built in a thread of their own that then ends: the
 * caller's heap never holds eld's 58 MB of objects, and every enrichment thread given these
 * tables (through `workerData`) reads the same memory instead of loading its own copy. Read from
 * {@link ELD_TABLES_PATH} when it was built from the installed eld: the same numbers, no thread.
 *
 * @example const languageTables = await loadSharedEldTables(); new Worker(entry, { workerData: { languageTables } })
 */
export async function loadSharedEldTables(): Promise<EldTables> {
  const built = readEldTablesFile(ELD_TABLES_PATH, installedEldVersion(), { shared: true });
  if (built !== undefined) return built;
  const worker = new Worker(eldTablesThreadEntry(import.meta.url));
  return new Promise<EldTables>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the thread reading eld's language database stopped (exit code ${code}) before answering`)));
  });
}

/**
 * The thread's module next to this one; run from the sources (vitest), the compiled one of `dist/`
 * (a worker thread cannot load TypeScript), as pipeline/enrichment-pipeline.ts does for its threads.
 *
 * @example eldTablesThreadEntry('file:///app/models/language/shared-eld-tables.ts') // file:///app/dist/models/language/eld-tables-thread.js
 */
export function eldTablesThreadEntry(moduleUrl: string): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL('./eld-tables-thread.js', moduleUrl);
  return pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'models', 'language', 'eld-tables-thread.js'));
}
