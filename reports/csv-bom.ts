/**
 * The UTF-8 byte order mark. Excel opens a CSV file without it in the machine's legacy
 * code page (`cachÃ©s` for `cachés`); with it, as UTF-8. Only files get it: text on
 * stdout goes to another program, for which the mark would be a stray first character.
 */
export const UTF8_BOM = '\uFEFF';

/**
 * The CSV text as a file should hold it: the BOM first.
 *
 * @example await writeFile('drivers.csv', csvFile(renderCsv(report)))
 */
export function csvFile(csv: string): string {
  return csv.startsWith(UTF8_BOM) ? csv : UTF8_BOM + csv;
}
