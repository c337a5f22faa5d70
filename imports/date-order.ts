import { IMPORT_LIMITS } from './limits.js';
import { prepended } from './prepended.js';
import type { RawRow } from './raw-rows.js';

/** How a file writes its numeric dates (`verbatim import --date-format`); ISO `yyyy-mm-dd` is read whatever the order. */
export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** How each order is written, for messages. */
export const DATE_ORDER_PATTERNS: Readonly<Record<DateOrder, string>> = {
  DMY: 'day-first (dd/mm/yyyy)',
  MDY: 'month-first (mm/dd/yyyy)',
  YMD: 'year-first (yyyy/mm/dd)',
};

/**
 * The order a file's dates are read in, and why: forced by `--date-format`, shown by a
 * value of the file (a first part over 12 is a day, a second part over 12 is a day), or
 * assumed (day-first) because no value of the look-ahead said.
 */
export type DateReading =
  | { readonly order: DateOrder; readonly why: 'forced' }
  | { readonly order: DateOrder; readonly why: 'detected'; readonly line: number; readonly value: string }
  | { readonly order: DateOrder; readonly why: 'assumed' };

/** `a/b/yyyy` (also `-` and `.`, with an optional `hh:mm[:ss]`): the two parts before the year. */
const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * The order a day/month value can only be read in: `25/10/2026` is DMY, `10/25/2026` MDY;
 * undefined when it fits both (`10/02/2026`), neither, or is no `a/b/yyyy` date.
 *
 * @example orderShownBy('10/25/2026') // 'MDY'
 */
export function orderShownBy(value: unknown): 'DMY' | 'MDY' | undefined {
  const parts = dayMonthParts(value);
  if (parts === undefined) return undefined;
  const [first, second] = parts;
  if (isDayOnly(first) && isMonth(second)) return 'DMY';
  if (isDayOnly(second) && isMonth(first)) return 'MDY';
  return undefined;
}

const isMonth = (part: number): boolean => part >= 1 && part <= 12;
/** A number that can be a day and not a month. */
const isDayOnly = (part: number): boolean => part >= 13 && part <= 31;

/** The two numbers before the year of an `a/b/yyyy` value, or undefined. */
export function dayMonthParts(value: unknown): readonly [number, number] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DAY_MONTH.exec(value.trim());
  return match === null ? undefined : [Number(match[1]), Number(match[2])];
}

/** What {@link planDateOrder} decided, and the rows, the looked-ahead ones first. */
export interface DateOrderPlan {
  readonly reading: DateReading;
  /** The one file-level warning when the order was assumed although some dates could be read either way. */
  readonly note?: string;
  readonly rows: AsyncIterable<RawRow>;
}

/**
 * Decides the day/month order of a file in one pass: unless `forced`, the rows are read
 * ahead only until the first value of the date `column` that fits one order alone (at most
 * {@link IMPORT_LIMITS.dateLookaheadRows} rows or {@link IMPORT_LIMITS.dateLookaheadChars}
 * characters), so the ambiguous rows before it are read in that order too. Later values
 * are checked against it row by row (see `parseDate`).
 *
 * @example const { reading, rows } = await planDateOrder(table.rows, 'date', undefined)
 */
export async function planDateOrder(rows: AsyncIterable<RawRow>, column: string | undefined, forced: DateOrder | undefined): Promise<DateOrderPlan> {
  if (forced !== undefined) return { reading: { order: forced, why: 'forced' }, rows };
  if (column === undefined) return { reading: { order: 'DMY', why: 'assumed' }, rows };
  const iterator = rows[Symbol.asyncIterator]();
  const ahead: RawRow[] = [];
  let chars = 0;
  let ambiguous: string | undefined;
  let reading: DateReading | undefined;
  let done = false;
  while (reading === undefined && ahead.length < IMPORT_LIMITS.dateLookaheadRows && chars < IMPORT_LIMITS.dateLookaheadChars) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    ahead.push(next.value);
    if (next.value.kind !== 'row') continue;
    chars += rowChars(next.value.cells);
    const value = next.value.cells[column];
    const shown = orderShownBy(value);
    if (shown !== undefined) reading = { order: shown, why: 'detected', line: next.value.line, value: String(value).trim() };
    else ambiguous ??= readsBothWays(value) ? String(value).trim() : undefined;
  }
  const all = (): AsyncIterable<RawRow> => prepended(ahead, done ? undefined : iterator);
  if (reading !== undefined || ambiguous === undefined) return { reading: reading ?? { order: 'DMY', why: 'assumed' }, rows: all() };
  const looked = done ? 'no date of the file' : `no date of the first ${ahead.length.toLocaleString('en-US')} rows`;
  return {
    reading: { order: 'DMY', why: 'assumed' },
    note: `${looked} says whether \`${ambiguous}\` is day/month or month/day: read as ${DATE_ORDER_PATTERNS.DMY}; use --date-format MDY if the file is month-first`,
    rows: all(),
  };
}

/** A value whose two readings are two different days (`10/02/2026`; not `05/05/2026`). */
function readsBothWays(value: unknown): boolean {
  const parts = dayMonthParts(value);
  return parts !== undefined && parts[0] !== parts[1] && isMonth(parts[0]) && isMonth(parts[1]);
}

function rowChars(cells: Readonly<Record<string, unknown>>): number {
  let chars = 0;
  for (const key of Object.keys(cells)) {
    const value = cells[key];
    chars += key.length + (typeof value === 'string' ? value.length : 8);
  }
  return chars;
}
