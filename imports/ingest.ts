import type { Kysely } from 'kysely';
import type { Writable } from 'node:stream';
import type { Database } from '../db/schema.js';
import { insertVerbatims } from '../db/verbatims.table.js';
import { readSurveyFile } from '../imports/import-file.js';
import { redactPii } from '../pipeline/stages/redact-pii.js';
import type { Verbatim } from '../core/verbatim.js';
import type { Respondent } from '../core/vocabulary.js';

const INSERT_BATCH = 2_000;

export interface FileImportOptions {
  readonly source?: string;
  readonly map?: Readonly<Record<string, string>>;
  readonly respondent?: Respondent;
  /** Redact emails, phones, IBANs and card numbers before storage (default true). */
  readonly redact: boolean;
  readonly now: () => Date;
}

/** What happened to one file: nothing is dropped without a line saying why. */
export interface FileImportResult {
  readonly file: string;
  readonly read: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly warnings: number;
}

/**
 * Streams one survey file into the database in batches: skipped rows and warnings
 * go to `log` as `file:line: field: reason`, valid rows around them are kept.
 */
export async function importFileIntoDatabase(
  db: Kysely<Database>,
  file: string,
  options: FileImportOptions,
  log: Writable,
): Promise<FileImportResult> {
  let batch: Verbatim[] = [];
  const totals = { read: 0, inserted: 0, duplicates: 0, skipped: 0, warnings: 0 };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const result = await insertVerbatims(db, batch);
    totals.inserted += result.inserted;
    totals.duplicates += result.duplicates;
    batch = [];
  };
  const readOptions = {
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.map === undefined ? {} : { map: options.map }),
    ...(options.respondent === undefined ? {} : { respondent: options.respondent }),
    now: options.now,
  };
  for await (const event of readSurveyFile(file, readOptions)) {
    if (event.kind === 'record') {
      totals.read += 1;
      const verbatim = options.redact ? { ...event.verbatim, text: redactPii(event.verbatim.text) } : event.verbatim;
      batch.push(verbatim);
      if (batch.length >= INSERT_BATCH) await flush();
    } else if (event.kind === 'skipped') {
      totals.skipped += 1;
      log.write(`${file}:${event.line}: ${event.field === undefined ? '' : `field \`${event.field}\`: `}skipped: ${event.reason}\n`);
    } else {
      totals.warnings += 1;
      log.write(`${file}:${event.line}: ${event.field === undefined ? '' : `field \`${event.field}\`: `}warning: ${event.message}\n`);
    }
  }
  await flush();
  return { file, ...totals };
}
