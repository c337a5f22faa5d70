/** A score as surveys write it ("9", " 9 ", "9.0", "9/10"): an integer in range, or an error message. */
export function parseScore(value: unknown, min: number, max: number): { value: number | null } | { error: string } {
  if (value === null || value === undefined) return { value: null };
  const text = String(value).trim();
  if (text === '') return { value: null };
  const match = /^(\d+(?:[.,]0+)?)(?:\s*\/\s*(\d+))?$/.exec(text);
  const number = match === null ? NaN : Number((match[1] as string).replace(',', '.'));
  if (match?.[2] !== undefined && Number(match[2]) !== max) return { error: `expected a score out of ${max}, got \`${text}\`` };
  if (!Number.isInteger(number) || number < min || number > max) {
    return { error: `expected a whole number from ${min} to ${max}, got \`${text}\`` };
  }
  return { value: number };
}

import { IMPORT_LIMITS } from './limits.js';

/**
 * Why a cell cannot be read as a survey value, or undefined when it can: text up to the
 * cell cap, a number, a boolean or a date. A JSON object or array is no survey value —
 * and an object with its own `toString` key cannot even be turned into text.
 */
export function cellProblem(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return undefined;
  if (typeof value === 'string') {
    return value.length > IMPORT_LIMITS.cellChars
      ? `${value.length.toLocaleString('en-US')} characters, more than the ${IMPORT_LIMITS.cellChars.toLocaleString('en-US')} a cell may hold`
      : undefined;
  }
  return `expected text, a number or a date, got ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value}`;
}

/**
 * A cell the reader refused (see {@link cellProblem}), in place of its value: it reads as
 * empty text, so nothing downstream can trip on it, and the row check reports why.
 */
export class RefusedCell {
  constructor(readonly reason: string) {}

  toString(): string {
    return '';
  }
}

/** The cells with every value `cellProblem` refuses replaced by a {@link RefusedCell}; own keys only, `__proto__` included. */
export function refuseBadCells(cells: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(cells)) {
    const value = cells[key];
    const problem = cellProblem(value);
    out[key] = problem === undefined ? value : new RefusedCell(problem);
  }
  return out;
}

/**
 * A date as exports write it — ISO 8601, `dd/mm/yyyy[ hh:mm[:ss]]`, `yyyy-mm-dd hh:mm:ss`,
 * a spreadsheet Date — as an ISO string (UTC), or an error message.
 */
export function parseDate(value: unknown): { value: string | null } | { error: string } {
  const parsed = parseAnyDate(value);
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

function parseAnyDate(value: unknown): { value: string | null } | { error: string } {
  if (value === null || value === undefined || String(value).trim() === '') return { value: null };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: 'invalid date' } : { value: value.toISOString() };
  const text = String(value).trim();
  const european = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (european !== null) {
    const [, day, month, year, hours = '0', minutes = '0', seconds = '0'] = european;
    // Not Date.UTC: it reads years 0–99 as 1900–1999, so `01/01/0000` would pass as 1900.
    const date = new Date(0);
    date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
    date.setUTCHours(Number(hours), Number(minutes), Number(seconds), 0);
    if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return { error: `not a real date: \`${text}\`` };
    return { value: date.toISOString() };
  }
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const date = new Date(text.includes('T') || text.length === 10 ? text : text.replace(' ', 'T') + (/[Z+-]\d*$/.test(text.slice(10)) ? '' : 'Z'));
    if (!Number.isNaN(date.getTime())) return { value: date.toISOString() };
  }
  return { error: `expected a date (yyyy-mm-dd or dd/mm/yyyy), got \`${text}\`` };
}
