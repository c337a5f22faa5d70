import path from 'node:path';
import { authorKey, verbatimId } from '../core/verbatim-id.js';
import type { Verbatim } from '../core/verbatim.js';
import { isRespondent, type Respondent } from '../core/vocabulary.js';
import { mapColumns, type MappedField } from './column-mapping.js';
import { parseDate, parseScore } from './parse-cells.js';
import { readCsv, readJsonArray, readJsonLines, readXlsx, type RawTable } from './raw-rows.js';
import { sniffFile } from './sniff-file.js';

export interface ImportOptions {
  /** Source name (default: the file's base name without extension). */
  readonly source?: string;
  /** Field → column, overriding auto-detection (`--map FIELD=COLUMN`). */
  readonly map?: Readonly<Record<string, string>>;
  /** Who answered, when the file does not say (default: customer). */
  readonly respondent?: Respondent;
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
  const { fields, segments } = mapColumns(table.columns, options.map ?? {}, file);
  for await (const raw of table.rows) {
    if (raw.kind === 'bad') {
      yield { kind: 'skipped', line: raw.line, reason: raw.reason };
      continue;
    }
    yield* rowEvents(raw.line, raw.cells, { source, fields, segments, respondent: options.respondent ?? 'customer' });
  }
}

interface RowContext {
  readonly source: string;
  readonly fields: Partial<Record<MappedField, string>>;
  readonly segments: Readonly<Record<string, string>>;
  readonly respondent: Respondent;
}

function* rowEvents(line: number, cells: Readonly<Record<string, unknown>>, context: RowContext): Iterable<ImportEvent> {
  const cell = (field: MappedField): unknown => (context.fields[field] === undefined ? undefined : cells[context.fields[field]]);
  const text = cell('text') == null ? '' : String(cell('text')).trim();
  const warnings: ImportEvent[] = [];
  const nps = parseScore(cell('nps'), 0, 10);
  const rating = parseScore(cell('rating'), 1, 5);
  const date = parseDate(cell('created_at'));
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
  const author = cell('author') == null || String(cell('author')).trim() === '' ? null : authorKey(String(cell('author')));
  const externalValue = cell('external_id');
  const externalId = externalValue == null || String(externalValue).trim() === '' ? null : String(externalValue).trim();
  const respondentCell = cell('respondent');
  const createdAt = 'value' in date ? date.value : null;
  const segments: Record<string, string> = {};
  for (const [name, column] of Object.entries(context.segments)) {
    const value = cells[column];
    if (value != null && String(value).trim() !== '') segments[name] = String(value).trim();
  }
  const journey = cell('journey');
  yield {
    kind: 'record',
    line,
    verbatim: {
      id: verbatimId({ source: context.source, externalId, text, createdAt, nps: npsValue, authorKey: author }),
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
