import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { InputError } from '../core/errors.js';
import type { SniffedFile } from './sniff-file.js';

/** One row as read: a line number (where the record starts) and its cells by column name. */
export type RawRow =
  | { readonly kind: 'row'; readonly line: number; readonly cells: Readonly<Record<string, unknown>> }
  | { readonly kind: 'bad'; readonly line: number; readonly reason: string };

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

/** CSV with any delimiter and encoding, quoted multi-line fields; line numbers are physical lines. */
export async function readCsv(file: string, sniffed: SniffedFile): Promise<RawTable> {
  const parser = parseCsv({
    delimiter: detectDelimiter(sniffed.head),
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
  });
  createReadStream(file).pipe(iconv.decodeStream(sniffed.encoding)).pipe(parser);
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number; columns?: unknown } }>;
  const first = await iterator.next();
  if (first.done === true) throw new InputError('no header line', { file });
  const columns = first.value.record.map((name) => name.trim());
  async function* rows(): AsyncIterable<RawRow> {
    for (;;) {
      let next;
      try {
        next = await iterator.next();
      } catch (error) {
        yield { kind: 'bad', line: Number((error as { lines?: number }).lines ?? 0), reason: (error as Error).message };
        return;
      }
      if (next.done === true) return;
      const { record, info } = next.value;
      // `info.lines` is the line where the record ends; count back its own line breaks.
      const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
      const cells: Record<string, unknown> = {};
      columns.forEach((column, index) => (cells[column] = record[index] ?? ''));
      if (record.length > columns.length) yield { kind: 'bad', line, reason: `${record.length} cells for ${columns.length} columns` };
      else yield { kind: 'row', line, cells };
    }
  }
  return { columns, rows: rows() };
}

/** JSON Lines: one object a line; a line that is not a JSON object is reported and the rest kept. */
export async function readJsonLines(file: string, sniffed: SniffedFile): Promise<RawTable> {
  const lines = createInterface({ input: createReadStream(file).pipe(iconv.decodeStream(sniffed.encoding)), crlfDelay: Infinity });
  const columns = new Set<string>();
  for (const line of sniffed.head.split(/\r?\n/).slice(0, 50)) {
    try {
      const value = JSON.parse(line) as unknown;
      if (isObject(value)) for (const key of Object.keys(value)) columns.add(key);
    } catch {
      // a line cut by the sample boundary or a bad line: reported when read for real
    }
  }
  async function* rows(): AsyncIterable<RawRow> {
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        yield { kind: 'bad', line, reason: `invalid JSON: ${(error as Error).message}` };
        continue;
      }
      if (isObject(value)) yield { kind: 'row', line, cells: value };
      else yield { kind: 'bad', line, reason: 'expected a JSON object' };
    }
  }
  return { columns: [...columns], rows: rows() };
}

/** A JSON array of objects, streamed element by element; "line" is the element's position (1-based). */
export async function readJsonArray(file: string, sniffed: SniffedFile): Promise<RawTable> {
  const [{ parserStream }, { default: streamArray }] = await Promise.all([
    import('stream-json'),
    import('stream-json/streamers/stream-array.js'),
  ]);
  const elements = createReadStream(file)
    .pipe(iconv.decodeStream(sniffed.encoding))
    .pipe(parserStream())
    .pipe(streamArray.asStream());
  const columns = new Set<string>();
  const firstObject = /\{[^{}]*\}/.exec(sniffed.head);
  if (firstObject !== null) {
    try {
      for (const key of Object.keys(JSON.parse(firstObject[0]) as object)) columns.add(key);
    } catch {
      // nested objects: the columns are taken from the rows themselves
    }
  }
  async function* rows(): AsyncIterable<RawRow> {
    try {
      for await (const { key, value } of elements as AsyncIterable<{ key: number; value: unknown }>) {
        if (isObject(value)) yield { kind: 'row', line: key + 1, cells: value };
        else yield { kind: 'bad', line: key + 1, reason: 'expected a JSON object' };
      }
    } catch (error) {
      throw new InputError(`invalid JSON: ${(error as Error).message}`, { file });
    }
  }
  return { columns: [...columns], rows: rows() };
}

/** The first worksheet of an XLSX workbook, streamed; "line" is the spreadsheet row number. */
export async function readXlsx(file: string): Promise<RawTable> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', styles: 'cache' });
  const worksheets = reader[Symbol.asyncIterator]();
  const sheet = await worksheets.next();
  if (sheet.done === true) throw new InputError('the workbook has no worksheet', { file });
  const sheetRows = (sheet.value as AsyncIterable<{ number: number; values: unknown }>)[Symbol.asyncIterator]();
  const header = await sheetRows.next();
  if (header.done === true) throw new InputError('the first worksheet is empty', { file });
  const headerCells = header.value.values as unknown[];
  const columns = headerCells.map((cell) => String(cellValue(cell) ?? '').trim());
  async function* rows(): AsyncIterable<RawRow> {
    for (;;) {
      const next = await sheetRows.next();
      if (next.done === true) return;
      const values = next.value.values as unknown[];
      const cells: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        if (column !== '') cells[column] = cellValue(values[index]) ?? '';
      });
      yield { kind: 'row', line: next.value.number, cells };
    }
  }
  return { columns: columns.filter((column) => column !== ''), rows: rows() };
}

/** Rich text, hyperlinks and formulas reduced to their value. */
function cellValue(cell: unknown): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date || typeof cell !== 'object') return cell;
  const object = cell as { richText?: { text: string }[]; text?: unknown; result?: unknown };
  if (object.richText !== undefined) return object.richText.map((part) => part.text).join('');
  if (object.result !== undefined) return object.result;
  if (object.text !== undefined) return object.text;
  return String(cell);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
