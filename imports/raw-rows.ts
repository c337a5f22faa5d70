import { createReadStream } from 'node:fs';
import { Readable, type Duplex } from 'node:stream';
import iconv from 'iconv-lite';
import { InputError } from '../core/errors.js';
import { jsonArrayElements, type JsonElement } from './json-elements.js';
import { IMPORT_LIMITS } from './limits.js';
import { refuseBadCells } from './parse-cells.js';
import type { SniffedFile } from './sniff-file.js';
import { csvFields, splitRecords, type SplitRecord } from './split-records.js';

/**
 * One row as read: a line number (where the record starts) and its cells by column name,
 * with a note when part of it was left out; or why the row could not be read.
 */
export type RawRow =
  | { readonly kind: 'row'; readonly line: number; readonly cells: Readonly<Record<string, unknown>>; readonly note?: string }
  | { readonly kind: 'bad'; readonly line: number; readonly reason: string };

export { readXlsx } from './xlsx-rows.js';

/** The header (column names) first, then the rows, streamed. */
export interface RawTable {
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<RawRow>;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter that splits the first lines into the same, largest number of cells. */
export function detectDelimiter(head: string): string {
  const lines = head.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 10);
  let best: string = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => line.split(delimiter).length - 1);
    const first = counts[0] ?? 0;
    const consistent = counts.filter((count) => count === first).length;
    const score = first === 0 ? 0 : first * consistent;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * CSV with any delimiter and encoding, quoted multi-line fields; line numbers are physical lines.
 * Each record is cut and parsed on its own: one over the record cap, with a malformed quote,
 * or with bytes the encoding cannot decode is that row's error, and the file goes on.
 */
export async function readCsv(file: string, sniffed: SniffedFile): Promise<RawTable> {
  const delimiter = detectDelimiter(sniffed.head);
  const records = splitRecords(decode(file, sniffed), { csvDelimiter: delimiter })[Symbol.asyncIterator]();
  let header: SplitRecord | undefined;
  for (let next = await records.next(); next.done !== true; next = await records.next()) {
    if (next.value.kind === 'record' && next.value.text === '') continue;
    header = next.value;
    break;
  }
  if (header === undefined) throw new InputError('no header line', { file });
  const reason = refusal(header, sniffed);
  if (reason !== undefined) throw new InputError(`the header line: ${reason}`, { file, line: header.line });
  const parsedHeader = csvFields((header as { text: string }).text, delimiter);
  if ('error' in parsedHeader) throw new InputError(`the header line: ${parsedHeader.error}`, { file, line: header.line });
  const columns = parsedHeader.fields.map((name) => name.trim());
  checkColumnCount(columns.length, file);
  async function* rows(): AsyncIterable<RawRow> {
    for (let next = await records.next(); next.done !== true; next = await records.next()) {
      const record = next.value;
      const problem = refusal(record, sniffed);
      if (problem !== undefined) {
        yield { kind: 'bad', line: record.line, reason: problem };
        continue;
      }
      const text = (record as { text: string }).text;
      if (text === '') continue;
      const parsed = csvFields(text, delimiter);
      if ('error' in parsed) {
        yield { kind: 'bad', line: record.line, reason: parsed.error };
        continue;
      }
      const { fields } = parsed;
      if (fields.length > columns.length) {
        yield { kind: 'bad', line: record.line, reason: `${fields.length} cells for ${columns.length} columns` };
        continue;
      }
      const cells: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      columns.forEach((column, index) => (cells[column] = fields[index] ?? ''));
      yield { kind: 'row', line: record.line, cells: refuseBadCells(cells) };
    }
  }
  return { columns, rows: rows() };
}

/**
 * JSON Lines: one object a line; a line that is not a JSON object is reported and the rest kept.
 * The columns are the keys of every record (a first pass over the file), not of the first few.
 */
export async function readJsonLines(file: string, sniffed: SniffedFile): Promise<RawTable> {
  async function* all(): AsyncIterable<RawRow> {
    for await (const record of splitRecords(decode(file, sniffed), {})) {
      const reason = refusal(record, sniffed);
      if (reason !== undefined) {
        yield { kind: 'bad', line: record.line, reason };
        continue;
      }
      const text = (record as { text: string }).text.replace(/^\uFEFF/, '');
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { kind: 'bad', line: record.line, reason: `invalid JSON: ${(error as Error).message}` };
        continue;
      }
      if (isObject(value)) yield { kind: 'row', line: record.line, cells: refuseBadCells(value) };
      else yield { kind: 'bad', line: record.line, reason: 'expected a JSON object' };
    }
  }
  return { columns: await unionOfKeys(all(), file), rows: all() };
}

/**
 * A JSON array of objects, streamed element by element; "line" is the element's position (1-based).
 * The columns are the keys of every element (a first pass over the file).
 */
export async function readJsonArray(file: string, sniffed: SniffedFile): Promise<RawTable> {
  async function* all(): AsyncIterable<RawRow> {
    const text = Readable.from(decode(file, sniffed), { objectMode: false });
    for await (const element of jsonArrayElements(text)) yield elementRow(element, sniffed);
  }
  return { columns: await unionOfKeys(all(), file), rows: all() };
}

function elementRow(element: JsonElement, sniffed: SniffedFile): RawRow {
  if (element.kind === 'oversized') {
    return { kind: 'bad', line: element.index, reason: tooLong(element.length) };
  }
  if (element.kind === 'invalid') {
    return { kind: 'bad', line: element.index, reason: `invalid JSON: ${element.message}; nothing after it can be read` };
  }
  if (!isObject(element.value)) return { kind: 'bad', line: element.index, reason: 'expected a JSON object' };
  const undecodable = Object.values(element.value).some((value) => typeof value === 'string' && value.includes('\uFFFD'));
  if (undecodable) return { kind: 'bad', line: element.index, reason: undecodableReason(sniffed) };
  return { kind: 'row', line: element.index, cells: refuseBadCells(element.value) };
}

/** Column names in order of first appearance over every record; a file with more than the cap is refused. */
async function unionOfKeys(rows: AsyncIterable<RawRow>, file: string): Promise<string[]> {
  const columns = new Set<string>();
  for await (const row of rows) {
    if (row.kind === 'bad') continue;
    for (const key of Object.keys(row.cells)) columns.add(key);
    checkColumnCount(columns.size, file);
  }
  return [...columns];
}

function checkColumnCount(count: number, file: string): void {
  if (count > IMPORT_LIMITS.columns) {
    throw new InputError(`more than ${IMPORT_LIMITS.columns} columns (${count}): keep the columns you need`, { file });
  }
}

/** Why a record is not handed on: over the record cap, or holding bytes the encoding could not decode. */
function refusal(record: SplitRecord, sniffed: SniffedFile): string | undefined {
  if (record.kind === 'oversized') return tooLong(record.length);
  if (record.text.includes('\uFFFD')) return undecodableReason(sniffed);
  return undefined;
}

function tooLong(length: number): string {
  return `a record of ${length.toLocaleString('en-US')} characters, more than the ${IMPORT_LIMITS.recordChars.toLocaleString('en-US')} a row may hold`;
}

function undecodableReason(sniffed: SniffedFile): string {
  return `bytes that are not valid ${ENCODING_NAMES[sniffed.encoding] ?? sniffed.encoding} (read as \uFFFD): save the export as UTF-8`;
}

const ENCODING_NAMES: Readonly<Record<string, string>> = { utf8: 'UTF-8', win1252: 'Windows-1252', utf16le: 'UTF-16', utf16be: 'UTF-16' };

/** The file's text in chunks of a few kilobytes, BOM left out. */
function decode(file: string, sniffed: SniffedFile): AsyncIterable<string> {
  const decoder = iconv.decodeStream(sniffed.encoding) as unknown as Duplex;
  return createReadStream(file)
    .on('error', (error) => decoder.destroy(error))
    .pipe(decoder) as AsyncIterable<string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
