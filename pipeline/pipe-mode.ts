import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Pipeline } from './create-pipeline.js';
import { enrichedToPipeRecord, pipeRecordToVerbatim } from './pipe-record.js';
import type { Verbatim } from './verbatim.js';

export interface PipeModeOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly pipeline: Pipeline;
  readonly batchSize?: number;
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
  let slots: Slot[] = [];

  const flush = async (): Promise<void> => {
    const records = slots.flatMap((slot) => (slot.kind === 'record' ? [slot.verbatim] : []));
    const enriched = await options.pipeline.enrich(records, ctx);
    let next = 0;
    let chunk = '';
    for (const slot of slots) {
      if (slot.kind === 'error') {
        chunk += `${JSON.stringify({ id: slot.id ?? null, error: { line: slot.line, message: slot.message } })}\n`;
      } else {
        chunk += `${JSON.stringify(enrichedToPipeRecord(slot.input, enriched[next++] as (typeof enriched)[number]))}\n`;
      }
    }
    done += slots.length;
    slots = [];
    // Respect the consumer's pace: wait for 'drain' rather than buffering without bound.
    if (!options.output.write(chunk)) await once(options.output, 'drain');
    options.onProgress?.(done);
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
  return { lines: done, errors };
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
