import { copyBinary, CopyBinaryUnfitError, type CopyBinaryColumn } from './copy-binary.js';
import { copyLine, type CopyValue } from './copy-text.js';

/**
 * `rows` as the data of one `COPY … FROM` (db/pglite-copy.ts): in the binary format (no text for
 * the database to parse back: 19 % less CPU in the `COPY` of the verbatims), or as text when a
 * value does not fit it (a timestamp string that only PostgreSQL's parser reads as meant, a
 * number in a text column): both store the same (tests/db/copy-binary.test.ts).
 *
 * @example await target.copyIn('verbatim_themes', names, copyRows(rows, [['verbatim_id', 'text'], ['score', 'double precision']]))
 */
export function copyRows<K extends string>(rows: readonly Readonly<Record<K, CopyValue>>[], columns: readonly CopyBinaryColumn<K>[]): string | Uint8Array {
  try {
    return copyBinary(rows, columns);
  } catch (error) {
    if (!(error instanceof CopyBinaryUnfitError)) throw error;
    const names = columns.map(([name]) => name);
    let text = '';
    for (const row of rows) text += copyLine(row, names);
    return text;
  }
}
