import { redactPii } from '../core/redact-pii.js';
import type { Verbatim } from '../core/verbatim.js';
import { readSurveyFile, type ImportOptions } from './import-file.js';

/** Rows per batch handed to the sink: large enough for multi-row inserts, small enough for flat memory. */
const DEFAULT_BATCH_SIZE = 2_000;

export interface IngestOptions extends ImportOptions {
  /** Redact emails, phones, IBANs and card numbers before the texts reach the sink (default true). */
  readonly redact?: boolean;
  /** Verbatims per sink call (default 2,000). */
  readonly batchSize?: number;
  /**
   * Sink calls outstanding at once (default 1: each batch stored before the next is read). A sink
   * that works on several batches at once (an enriching import) takes more; memory stays bounded by it.
   */
  readonly inFlight?: number;
}

/**
 * Where ingested batches go (the database, in the CLI): says how many were new
 * and how many it already held. imports/ knows no database; the caller passes this in.
 */
export type IngestSink = (batch: readonly Verbatim[]) => Promise<{ readonly inserted: number; readonly duplicates: number }>;

/** What happened to one file: nothing is dropped without a line saying why. */
export interface IngestResult {
  readonly file: string;
  readonly read: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly warnings: number;
}

/**
 * Streams one survey file into `sink` in batches, PII redacted unless told not to.
 * Skipped rows and warnings go to `log` as `file:line: field: reason` lines; the
 * valid rows around them are kept.
 *
 * @example await ingestSurveyFile('nps.csv', { source: 'nps-2026' }, (batch) => insertVerbatims(db, batch), (line) => process.stderr.write(line))
 */
export async function ingestSurveyFile(file: string, options: IngestOptions, sink: IngestSink, log: (line: string) => void): Promise<IngestResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new TypeError(`Expected \`batchSize\` to be a number from 1 and up, got \`${batchSize}\` (${typeof batchSize})`);
  }
  const inFlight = options.inFlight ?? 1;
  if (!Number.isInteger(inFlight) || inFlight < 1) {
    throw new TypeError(`Expected \`inFlight\` to be a number from 1 and up, got \`${inFlight}\` (${typeof inFlight})`);
  }
  const redact = options.redact ?? true;
  let batch: Verbatim[] = [];
  const totals = { read: 0, inserted: 0, duplicates: 0, skipped: 0, warnings: 0 };
  const outstanding: Promise<void>[] = [];
  const settleOldest = async (): Promise<void> => void (await outstanding.shift());
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const counted = sink(batch).then((result) => {
      totals.inserted += result.inserted;
      totals.duplicates += result.duplicates;
    });
    counted.catch(() => undefined); // observed by settleOldest
    outstanding.push(counted);
    batch = [];
    while (outstanding.length >= inFlight) await settleOldest();
  };
  const readOptions: ImportOptions = {
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.map === undefined ? {} : { map: options.map }),
    ...(options.respondent === undefined ? {} : { respondent: options.respondent }),
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    ...(options.pii === undefined ? {} : { pii: options.pii }),
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }),
  };
  try {
    for await (const event of readSurveyFile(file, readOptions)) {
      if (event.kind === 'record') {
        totals.read += 1;
        // Segment values are free text too: the same redaction as the comment.
        batch.push(redact ? { ...event.verbatim, text: redactPii(event.verbatim.text), segments: redactSegments(event.verbatim.segments) } : event.verbatim);
        if (batch.length >= batchSize) await flush();
      } else if (event.kind === 'skipped') {
        totals.skipped += 1;
        log(`${file}:${event.line}: ${fieldOf(event.field)}skipped: ${event.reason}\n`);
      } else {
        totals.warnings += 1;
        log(`${file}:${event.line}: ${fieldOf(event.field)}warning: ${event.message}\n`);
      }
    }
    await flush();
    while (outstanding.length > 0) await settleOldest();
  } catch (error) {
    // A file that stops half-way (unreadable, a store that failed): the batches still in the sink end first, observed.
    await Promise.allSettled(outstanding.splice(0));
    throw error;
  }
  return { file, ...totals };
}

function redactSegments(segments: Readonly<Record<string, string>>): Record<string, string> {
  // A copy, then each own value replaced (an assignment to an own key, `__proto__` included, sets that key).
  const redacted: Record<string, string> = { ...segments };
  for (const name of Object.keys(redacted)) redacted[name] = redactPii(redacted[name] as string);
  return redacted;
}

function fieldOf(field: string | undefined): string {
  return field === undefined ? '' : `field \`${field}\`: `;
}
