import { InputError } from '../core/errors.js';
import type { Verbatim } from '../core/verbatim.js';
import { ingestSurveyFile, type IngestOptions, type IngestResult } from './ingest.js';

/**
 * Where imported answers go. imports/ knows no SQL: db/import-store.ts implements this
 * (structurally), the CLI passes one to the other.
 */
export interface ImportStore {
  /** Stores a batch, leaving out answers of forgotten authors (tombstones), idempotently. */
  insert(batch: readonly Verbatim[]): Promise<{ readonly inserted: number; readonly duplicates: number; readonly forgotten: number }>;
  /** Batches the store works on at once (imports/ingest.ts `inFlight`); default 1. */
  readonly inFlight?: number;
  /** After the files: opens the new detractors' callbacks and refreshes planner statistics; returns the callbacks opened. */
  finish(now: Date): Promise<number>;
}

/** What happened to one file. */
export interface FileImportResult extends IngestResult {
  /** Answers of forgotten authors left out. */
  readonly forgotten: number;
}

export interface ImportFilesResult {
  readonly files: readonly FileImportResult[];
  /** One `file:line: field: reason` line per file that could not be read at all. */
  readonly failures: readonly string[];
  readonly followupsOpened: number;
}

/**
 * Imports survey files one after the other: an unreadable file is reported and the
 * others go on; then the detractors' callbacks open (their clock runs from the answer,
 * not from its enrichment). `verbatim import` and `verbatim demo` both run this.
 *
 * @example const { files, failures } = await importFiles(['nps.csv'], { secret }, importStore(db), log, new Date())
 */
export async function importFiles(
  paths: readonly string[],
  options: IngestOptions,
  store: ImportStore,
  log: (line: string) => void,
  now: Date,
): Promise<ImportFilesResult> {
  const files: FileImportResult[] = [];
  const failures: string[] = [];
  for (const file of paths) {
    let forgotten = 0;
    const sink = async (batch: readonly Verbatim[]) => {
      const stored = await store.insert(batch);
      forgotten += stored.forgotten;
      return stored;
    };
    try {
      const ingestOptions = store.inFlight === undefined ? options : { ...options, inFlight: store.inFlight };
      files.push({ ...(await ingestSurveyFile(file, ingestOptions, sink, log)), forgotten });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failures.push(error.describe());
      log(`verbatim: ${error.describe()}\n`);
    }
  }
  return { files, failures, followupsOpened: await store.finish(now) };
}
