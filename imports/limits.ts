/**
 * Caps on what one survey file may hold. A file past them is hostile or broken, not a
 * survey: beyond them memory and the reports (one segment per column) stop being bounded.
 * A record or cell over its cap is that row's error; the file goes on.
 */
export const IMPORT_LIMITS = {
  /** Characters in one record (a CSV record, a JSONL line, a JSON array element). */
  recordChars: 1_000_000,
  /** Characters in one cell (a comment longer than this is not an answer). */
  cellChars: 100_000,
  /** Columns of a file: a header, or the union of the keys of every JSON record. */
  columns: 200,
  /** Total uncompressed size of an XLSX workbook, as its zip central directory declares it. */
  xlsxUncompressedBytes: 256 * 1024 * 1024,
  /** Entries in an XLSX zip. */
  xlsxEntries: 10_000,
  /** Earliest and latest year of a date the reports can place on a time axis. */
  firstYear: 1900,
  lastYear: 2100,
  /** Rows read ahead, at most, for a date that tells day/month from month/day (the rows before it wait in memory). */
  dateLookaheadRows: 5_000,
  /** Characters those rows may hold: a file of huge rows stops the look-ahead sooner. */
  dateLookaheadChars: 20_000_000,
} as const;
