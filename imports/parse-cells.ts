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

/**
 * A date as exports write it — ISO 8601, `dd/mm/yyyy[ hh:mm[:ss]]`, `yyyy-mm-dd hh:mm:ss`,
 * a spreadsheet Date — as an ISO string (UTC), or an error message.
 */
export function parseDate(value: unknown): { value: string | null } | { error: string } {
  if (value === null || value === undefined || String(value).trim() === '') return { value: null };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: 'invalid date' } : { value: value.toISOString() };
  const text = String(value).trim();
  const european = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (european !== null) {
    const [, day, month, year, hours = '0', minutes = '0', seconds = '0'] = european;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds)));
    if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return { error: `not a real date: \`${text}\`` };
    return { value: date.toISOString() };
  }
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const date = new Date(text.includes('T') || text.length === 10 ? text : text.replace(' ', 'T') + (/[Z+-]\d*$/.test(text.slice(10)) ? '' : 'Z'));
    if (!Number.isNaN(date.getTime())) return { value: date.toISOString() };
  }
  return { error: `expected a date (yyyy-mm-dd or dd/mm/yyyy), got \`${text}\`` };
}
