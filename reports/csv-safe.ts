/**
 * Characters a spreadsheet skips or folds before it decides a cell is a formula:
 * zero-width and other invisible format characters, the byte-order mark, and
 * white space (a cell " =1+1" is still a formula in some programs).
 */
const INVISIBLE_LEAD = /^[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]+/u;

/** Formula prefixes, with their full-width forms (＝ ＋ － ＠) that spreadsheets fold to ASCII. */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20\u2212\ufe62\ufe63\ufe66]/u;

/**
 * Defuses a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return at the start, also behind zero-width characters or in
 * full-width form) by prefixing a `'`, as OWASP advises.
 * Numbers stay numbers: only strings are touched.
 *
 * @example defuseCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * @example defuseCell('\u200b=1+1') // "'\u200b=1+1"
 */
export function defuseCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) || FORMULA_START.test(value.replace(INVISIBLE_LEAD, '')) ? `'${value}` : value;
}
