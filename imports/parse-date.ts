import { DATE_ORDER_PATTERNS, orderShownBy, type DateReading } from './date-order.js';
import { IMPORT_LIMITS } from './limits.js';

/**
 * A date cell read: an ISO string (UTC) or null when empty; an `error` (kept without a
 * date); or a `conflict`: a date written in the other day/month order than the file's,
 * which refuses the row, since its neighbours' dates could be read the wrong way round.
 */
export type ParsedDate = { readonly value: string | null } | { readonly error: string } | { readonly conflict: string };

const DEFAULT_READING: DateReading = { order: 'DMY', why: 'assumed' };

/**
 * A date as exports write it — ISO 8601 (always), `a/b/yyyy[ hh:mm[:ss]]` in the file's
 * order (`reading`), `yyyy/mm/dd`, a spreadsheet Date.
 *
 * @example parseDate('10/02/2026', { order: 'MDY', why: 'forced' }) // { value: '2026-10-02T00:00:00.000Z' }
 */
export function parseDate(value: unknown, reading: DateReading = DEFAULT_READING): ParsedDate {
  const parsed = parseAnyDate(value, reading);
  if (!('value' in parsed) || parsed.value === null) return parsed;
  // Year 0000 or 9999 is a placeholder, not an answer date, and breaks every time axis.
  const year = Number(parsed.value.slice(0, parsed.value.startsWith('+') || parsed.value.startsWith('-') ? 7 : 4));
  if (!(year >= IMPORT_LIMITS.firstYear && year <= IMPORT_LIMITS.lastYear)) {
    return { error: `expected a date from ${IMPORT_LIMITS.firstYear} to ${IMPORT_LIMITS.lastYear}, got \`${displayed(value)}\`` };
  }
  return parsed;
}

function displayed(value: unknown): string {
  return value instanceof Date ? (Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString()) : String(value).trim();
}

const TIME = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${TIME}$`);
const YEAR_MONTH_DAY = new RegExp(`^(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})${TIME}$`);
const ISO = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseAnyDate(value: unknown, reading: DateReading): ParsedDate {
  if (value === null || value === undefined || String(value).trim() === '') return { value: null };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: 'invalid date' } : { value: value.toISOString() };
  const text = String(value).trim();
  if (ISO.test(text)) {
    const date = new Date(text.includes('T') || text.length === 10 ? text : text.replace(' ', 'T') + (/[Z+-]\d*$/.test(text.slice(10)) ? '' : 'Z'));
    if (!Number.isNaN(date.getTime())) return { value: date.toISOString() };
  }
  const yearFirst = YEAR_MONTH_DAY.exec(text);
  if (yearFirst !== null) {
    const [, year = '', month = '', day = '', hours, minutes, seconds] = yearFirst;
    return utc(text, { year, month, day, hours, minutes, seconds });
  }
  const dayMonth = DAY_MONTH_YEAR.exec(text);
  if (dayMonth !== null) {
    const conflict = conflictWith(text, reading);
    if (conflict !== undefined) return { conflict };
    const [, first = '', second = '', year = '', hours, minutes, seconds] = dayMonth;
    const [day, month] = reading.order === 'MDY' ? [second, first] : [first, second];
    return utc(text, { year, month, day, hours, minutes, seconds });
  }
  return { error: `expected a date (yyyy-mm-dd or ${DATE_ORDER_PATTERNS[reading.order === 'MDY' ? 'MDY' : 'DMY']}), got \`${text}\`` };
}

/** Why an `a/b/yyyy` value does not fit the file's order, or undefined when it does. */
function conflictWith(text: string, reading: DateReading): string | undefined {
  const shown = orderShownBy(text);
  const expected = `expected a ${DATE_ORDER_PATTERNS[reading.order]} date`;
  if (reading.order === 'YMD') return `${expected} (--date-format YMD), got \`${text}\``;
  if (shown === undefined || shown === reading.order) return undefined;
  const got = `got \`${text}\`, ${DATE_ORDER_PATTERNS[shown].replace(/ \(.*/, '')}`;
  if (reading.why === 'forced') return `${expected} (--date-format ${reading.order}), ${got}`;
  if (reading.why === 'detected') return `${expected} as line ${reading.line} (\`${reading.value}\`) showed, ${got}: the file mixes both orders`;
  return `${expected} (assumed: no earlier date told), ${got}; use --date-format ${shown} if the file is ${DATE_ORDER_PATTERNS[shown].replace(/ \(.*/, '')}`;
}

interface DateParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hours: string | undefined;
  readonly minutes: string | undefined;
  readonly seconds: string | undefined;
}

function utc(text: string, parts: DateParts): ParsedDate {
  const { year, month, day } = parts;
  // Not Date.UTC: it reads years 0–99 as 1900–1999, so `01/01/0000` would pass as 1900.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(parts.hours ?? 0), Number(parts.minutes ?? 0), Number(parts.seconds ?? 0), 0);
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return { error: `not a real date: \`${text}\`` };
  return { value: date.toISOString() };
}
