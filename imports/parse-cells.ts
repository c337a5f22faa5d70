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
