import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import { IMPORT_LIMITS } from './limits.js';
import { refuseBadCells } from './parse-cells.js';
import type { RawRow, RawTable } from './raw-rows.js';
import { checkInflatedSizes, readZipDirectory, type ZipDirectory } from './zip-directory.js';

/**
 * The parts the streaming reader must meet before a worksheet: without the workbook,
 * its relations and the shared strings, cells read as `[object Object]` or fail.
 * Writers may store them in any order; the reader is handed them in this one.
 */
const FIRST_PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/**
 * The first worksheet of an XLSX workbook, streamed; "line" is the spreadsheet row number.
 * The zip's central directory is checked first (part count, declared uncompressed size),
 * so a zip bomb is refused before anything is inflated; then each part is inflated once,
 * counting, so one that lies about its size is refused before the reader holds any of it.
 */
export async function readXlsx(file: string): Promise<RawTable> {
  const directory = await readZipDirectory(file, { maxEntries: IMPORT_LIMITS.xlsxEntries });
  const declared = directory.entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > IMPORT_LIMITS.xlsxUncompressedBytes) {
    throw new InputError(
      `the workbook unpacks to ${megabytes(declared)} MB, more than the ${megabytes(IMPORT_LIMITS.xlsxUncompressedBytes)} MB a survey export may take; ` +
        'export it as CSV',
      { file },
    );
  }
  await checkInflatedSizes(file, directory);
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(inReadingOrder(file, directory), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'cache',
  });
  const worksheets = reader[Symbol.asyncIterator]();
  const sheet = await worksheets.next();
  if (sheet.done === true) throw new InputError('the workbook has no worksheet', { file });
  const sheetRows = (sheet.value as AsyncIterable<{ number: number; values: unknown }>)[Symbol.asyncIterator]();
  const header = await sheetRows.next();
  if (header.done === true) throw new InputError('the first worksheet is empty', { file });
  const headerCells = header.value.values as unknown[];
  const columns = headerCells.map((cell) => String(cellValue(cell) ?? '').trim());
  const named = columns.filter((column) => column !== '');
  if (named.length > IMPORT_LIMITS.columns) {
    throw new InputError(`${named.length} columns, more than the ${IMPORT_LIMITS.columns} a survey file may have; keep the columns you need`, { file });
  }
  async function* rows(): AsyncIterable<RawRow> {
    for (;;) {
      const next = await sheetRows.next();
      if (next.done === true) return;
      const values = next.value.values as unknown[];
      const cells: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      let unnamed = 0;
      values.forEach((value, index) => {
        const column = columns[index];
        const cell = cellValue(value);
        if (column !== undefined && column !== '') cells[column] = cell ?? '';
        else if (cell !== undefined && String(cell).trim() !== '') unnamed += 1;
      });
      const note = unnamed === 0 ? undefined : `${unnamed} cells under no column header left out`;
      yield { kind: 'row', line: next.value.number, cells: refuseBadCells(cells), ...(note === undefined ? {} : { note }) };
    }
  }
  return { columns: named, rows: rows() };
}

/** The zip's entries' bytes (local header, data, descriptor) re-ordered: FIRST_PARTS first, the rest as stored. */
function inReadingOrder(file: string, directory: ZipDirectory): Readable {
  const byOffset = [...directory.entries].sort((a, b) => a.offset - b.offset);
  const ranges = byOffset.map((entry, index) => ({
    name: entry.name,
    start: entry.offset,
    end: (byOffset[index + 1]?.offset ?? directory.directoryOffset) - 1,
  }));
  const rank = (name: string): number => {
    const position = FIRST_PARTS.indexOf(name);
    return position === -1 ? FIRST_PARTS.length : position;
  };
  const ordered = ranges.map((range, index) => ({ ...range, index })).sort((a, b) => rank(a.name) - rank(b.name) || a.index - b.index);
  async function* bytes(): AsyncIterable<Buffer> {
    for (const range of ordered) {
      if (range.end < range.start) continue;
      for await (const chunk of createReadStream(file, { start: range.start, end: range.end })) yield chunk as Buffer;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** Rich text, hyperlinks and formulas reduced to their value. */
function cellValue(cell: unknown): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date || typeof cell !== 'object') return cell;
  const object = cell as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
  if (object.richText !== undefined) return object.richText.map((part) => part.text).join('');
  if (object.result !== undefined) return object.result;
  if (object.text !== undefined) return object.text;
  if (object.error !== undefined) return '';
  return cell;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
