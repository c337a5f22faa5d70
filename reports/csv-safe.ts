/**
 * Defuses a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return at the start) by prefixing a `'`, as OWASP advises.
 * Numbers stay numbers: only strings are touched.
 *
 * @example defuseCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function defuseCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
