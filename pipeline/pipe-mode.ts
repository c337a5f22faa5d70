import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Pipeline } from './create-pipeline.js';
import { pipeRecordJson, pipeRecordToVerbatim } from './pipe-record.js';
import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';

export interface PipeModeOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly pipeline: Pipeline;
  readonly batchSize?: number;
  /** Batches enriched at once (a pipeline on worker threads takes one a thread); output keeps the input order. Default 1. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /** Called after each batch with the lines done so far. */
  readonly onProgress?: (linesDone: number) => void;
}

export interface PipeModeResult {
  readonly lines: number;
  readonly errors: number;
}

type Slot =
  | { readonly kind: 'record'; readonly input: Record<string, unknown>; readonly verbatim: Verbatim }
  | { readonly kind: 'error'; readonly id: unknown; readonly line: number; readonly message: string };

/**
 * Stateless enrichment: JSONL in, one JSON line out per input line, same order.
 * A line that is not a JSON object or has no string `text` becomes
 * `{"id": …, "error": {"line": N, "message": "…"}}` and the run goes on.
 * Blank lines are skipped (they carry no record); line numbers count them.
 *
 * @example await runPipeMode({ input: process.stdin, output: process.stdout, pipeline })
 */
export async function runPipeMode(options: PipeModeOptions): Promise<PipeModeResult> {
  const batchSize = options.batchSize ?? 500;
  const signal = options.signal ?? new AbortController().signal;
  const ctx = { signal, now: options.now ?? (() => new Date()) };
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  let lineNumber = 0;
  let done = 0;
  let errors = 0;
  const concurrency = options.concurrency ?? 1;
  let slots: Slot[] = [];
  // Batches being enriched, oldest first: written in this order, so output follows input.
  const inFlight: Promise<{ chunk: string; lines: number }>[] = [];

  const enrichBatch = async (batch: Slot[]): Promise<{ chunk: string; lines: number }> => {
    const records = batch.flatMap((slot) => (slot.kind === 'record' ? [slot.verbatim] : []));
    const enriched = await options.pipeline.enrich(records, ctx);
    return { chunk: renderBatch(batch, enriched), lines: batch.length };
  };
  const writeOldest = async (): Promise<void> => {
    const { chunk, lines: count } = await (inFlight.shift() as (typeof inFlight)[number]);
    done += count;
    // Respect the consumer's pace: wait for 'drain' rather than buffering without bound.
    if (!options.output.write(chunk)) await once(options.output, 'drain');
    options.onProgress?.(done);
  };
  const flush = async (): Promise<void> => {
    const batch = slots;
    slots = [];
    const enriching = enrichBatch(batch);
    // Read by writeOldest; a failure there ends the run, the others must not go unhandled meanwhile.
    enriching.catch(() => undefined);
    inFlight.push(enriching);
    if (inFlight.length >= concurrency) await writeOldest();
  };

  for await (const raw of lines) {
    lineNumber += 1;
    if (raw.trim() === '') continue;
    const slot = parseLine(raw, lineNumber);
    if (slot.kind === 'error') errors += 1;
    slots.push(slot);
    if (slots.length >= batchSize) await flush();
  }
  if (slots.length > 0) await flush();
  while (inFlight.length > 0) await writeOldest();
  return { lines: done, errors };
}

/** The output lines of one batch: each record enriched, each bad line as its error object. */
function renderBatch(batch: readonly Slot[], enriched: readonly EnrichedVerbatim[]): string {
  let next = 0;
  let chunk = '';
  for (const slot of batch) {
    if (slot.kind === 'error') {
      chunk += `${JSON.stringify({ id: slot.id ?? null, error: { line: slot.line, message: slot.message } })}\n`;
    } else {
      chunk += `${pipeRecordJson(slot.input, enriched[next++] as EnrichedVerbatim)}\n`;
    }
  }
  return chunk;
}

function parseLine(raw: string, line: number): Slot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { kind: 'error', id: null, line, message: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'error', id: null, line, message: 'expected a JSON object with at least `id` and `text`' };
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record['text'] !== 'string') {
    const got = record['text'] === undefined ? 'no `text` field' : `\`text\` of type ${record['text'] === null ? 'null' : typeof record['text']}`;
    return { kind: 'error', id: record['id'] ?? null, line, message: `field \`text\`: expected a string, got ${got}` };
  }
  return { kind: 'record', input: record, verbatim: pipeRecordToVerbatim(record, line) };
}
