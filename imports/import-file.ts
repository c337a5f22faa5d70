import path from 'node:path';
import { verbatimId } from '../core/verbatim-id.js';
import type { Verbatim } from '../core/verbatim.js';
import { isRespondent, type Respondent } from '../core/vocabulary.js';
import { mapColumns, type MappedField } from './column-mapping.js';
import { planDateOrder, type DateOrder, type DateReading } from './date-order.js';
import { parseScore } from './parse-cells.js';
import { parseDate } from './parse-date.js';
import { planPersonalColumns, rowAuthorKey, SegmentGuard, type PersonalColumnOptions } from './personal-columns.js';
import { readCsv, readJsonArray, readJsonLines, readXlsx, type RawTable } from './raw-rows.js';
import { screenRow } from './screen-row.js';
import { sniffFile } from './sniff-file.js';

export interface ImportOptions extends PersonalColumnOptions {
  /** Source name (default: the file's base name without extension). */
  readonly source?: string;
  /** Field → column, overriding auto-detection (`--map FIELD=COLUMN`). */
  readonly map?: Readonly<Record<string, string>>;
  /** Who answered, when the file does not say (default: customer). */
  readonly respondent?: Respondent;
  /** How `a/b/yyyy` dates are written (`--date-format`); default: told by the file's own dates, else day-first with a warning. */
  readonly dateOrder?: DateOrder;
}

/** What happened to each row: taken, taken with a warning, or skipped — never silently dropped. */
export type ImportEvent =
  | { readonly kind: 'record'; readonly line: number; readonly verbatim: Verbatim }
  | { readonly kind: 'skipped'; readonly line: number; readonly field?: string; readonly reason: string }
  | { readonly kind: 'warning'; readonly line: number; readonly field?: string; readonly message: string };

/**
 * Streams a survey export (CSV/TSV in any common delimiter and encoding, XLSX,
 * JSON array, JSONL) as Verbatims. A file that is not a survey throws an
 * `InputError` before any record; a bad row is an event and the rest goes on.
 *
 * @example for await (const event of readSurveyFile('nps.csv', { source: 'nps-2026' })) …
 */
export async function* readSurveyFile(file: string, options: ImportOptions = {}): AsyncIterable<ImportEvent> {
  const sniffed = await sniffFile(file);
  const table: RawTable =
    sniffed.format === 'xlsx'
      ? await readXlsx(file)
      : sniffed.format === 'json'
        ? await readJsonArray(file, sniffed)
        : sniffed.format === 'jsonl'
          ? await readJsonLines(file, sniffed)
          : await readCsv(file, sniffed);
  const source = options.source ?? path.basename(file).replace(/\.[^.]+$/, '');
  const fileName = path.basename(file);
  const { fields, segments: mappedSegments } = mapColumns(table.columns, options.map ?? {}, file);
  // Identity and personal columns never reach the record: the author key is their keyed hash.
  const personal = await planPersonalColumns(table.columns, table.rows, { author: fields.author, fieldColumns: new Set(Object.values(fields)) }, options, file);
  const segments = Object.fromEntries(Object.entries(mappedSegments).filter(([, column]) => !personal.personal.has(column)));
  for (const note of personal.notes) yield { kind: 'warning', ...note };
  const dates = await planDateOrder(personal.rows, fields.created_at, options.dateOrder);
  if (dates.note !== undefined) yield { kind: 'warning', line: 1, field: 'created_at', message: dates.note };
  const guard = new SegmentGuard();
  for await (const raw of dates.rows) {
    if (raw.kind === 'bad') {
      yield { kind: 'skipped', line: raw.line, reason: raw.reason };
      continue;
    }
    if (raw.note !== undefined) yield { kind: 'warning', line: raw.line, message: raw.note };
    const screened = screenRow(raw.line, raw.cells, fields);
    yield* screened.events;
    if (screened.skipped !== undefined) {
      yield screened.skipped;
      continue;
    }
    try {
      yield* rowEvents(raw.line, screened.cells, { source, fields, segments, respondent: options.respondent ?? 'customer', identity: personal.identity, secret: options.secret, guard, origin: fileName, dates: dates.reading });
    } catch (error) {
      // One row that cannot be read fails alone, with its line; the import goes on.
      yield { kind: 'skipped', line: raw.line, reason: `cannot read this row: ${(error as Error).message}` };
    }
  }
}

interface RowContext {
  readonly source: string;
  /** The file's name: with the line, the identity of a row that has no id of its own. */
  readonly origin: string;
  readonly fields: Partial<Record<MappedField, string>>;
  readonly segments: Readonly<Record<string, string>>;
  readonly respondent: Respondent;
  readonly identity: readonly string[];
  readonly secret: PersonalColumnOptions['secret'];
  readonly guard: SegmentGuard;
  readonly dates: DateReading;
}

function* rowEvents(line: number, cells: Readonly<Record<string, unknown>>, context: RowContext): Iterable<ImportEvent> {
  const cell = (field: MappedField): unknown => (context.fields[field] === undefined ? undefined : cells[context.fields[field]]);
  const text = cell('text') == null ? '' : String(cell('text')).trim();
  const warnings: ImportEvent[] = [];
  const nps = parseScore(cell('nps'), 0, 10);
  const rating = parseScore(cell('rating'), 1, 5);
  const date = parseDate(cell('created_at'), context.dates);
  if ('conflict' in date) {
    yield { kind: 'skipped', line, field: 'created_at', reason: date.conflict };
    return;
  }
  const npsValue = 'value' in nps ? nps.value : null;
  const ratingValue = 'value' in rating ? rating.value : null;
  if ('error' in nps) warnings.push({ kind: 'warning', line, field: 'nps', message: `${nps.error}; kept without a score` });
  if ('error' in rating) warnings.push({ kind: 'warning', line, field: 'rating', message: `${rating.error}; kept without a rating` });
  if ('error' in date) warnings.push({ kind: 'warning', line, field: 'created_at', message: `${date.error}; kept without a date` });
  if (text === '' && npsValue === null && ratingValue === null) {
    const reason = 'error' in nps ? nps.error : 'no comment and no score';
    yield { kind: 'skipped', line, field: 'error' in nps ? 'nps' : 'text', reason };
    return;
  }
  yield* warnings;
  const author = rowAuthorKey(cells, context.identity, context.secret);
  const externalValue = cell('external_id');
  const externalId = externalValue == null || String(externalValue).trim() === '' ? null : String(externalValue).trim();
  const respondentCell = cell('respondent');
  const createdAt = 'value' in date ? date.value : null;
  const segments: Record<string, string> = {};
  const refusals: ImportEvent[] = [];
  for (const [name, column] of Object.entries(context.segments)) {
    const value = cells[column];
    if (value == null || String(value).trim() === '') continue;
    if (context.guard.admit(column, value, (message) => refusals.push({ kind: 'warning', line, field: column, message }))) segments[name] = String(value).trim();
  }
  yield* refusals;
  const journey = cell('journey');
  yield {
    kind: 'record',
    line,
    verbatim: {
      id: verbatimId({ source: context.source, externalId, text, createdAt, nps: npsValue, authorKey: author, origin: { file: context.origin, line } }),
      externalId,
      source: context.source,
      text,
      createdAt,
      nps: npsValue,
      rating: ratingValue,
      respondent: isRespondent(respondentCell) ? respondentCell : context.respondent,
      authorKey: author,
      segments,
      journeyHint: journey == null || String(journey).trim() === '' ? null : String(journey).trim(),
    },
  };
}
