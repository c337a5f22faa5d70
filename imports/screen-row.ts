import type { ImportEvent } from './import-file.js';
import { cellProblem, RefusedCell } from './parse-cells.js';

/**
 * A row's cells checked before they are read: a value that is no survey value (a JSON
 * object, a cell over the cap) fails the row when it fills a field (comment, score, date …),
 * and is left out with a warning when it is a segment — never the whole import.
 */
export function screenRow(
  line: number,
  cells: Readonly<Record<string, unknown>>,
  fieldColumns: Readonly<Record<string, string | undefined>>,
): { readonly cells: Readonly<Record<string, unknown>>; readonly events: readonly ImportEvent[]; readonly skipped?: ImportEvent } {
  let kept: Record<string, unknown> | undefined;
  const events: ImportEvent[] = [];
  for (const column of Object.keys(cells)) {
    const value = cells[column];
    const problem = value instanceof RefusedCell ? value.reason : cellProblem(value);
    if (problem === undefined) continue;
    const field = fieldOfColumn(fieldColumns, column);
    if (field !== undefined) return { cells, events: [], skipped: { kind: 'skipped', line, field, reason: problem } };
    kept ??= Object.assign(Object.create(null) as Record<string, unknown>, cells);
    delete kept[column];
    events.push({ kind: 'warning', line, field: column, message: `${problem}; left out` });
  }
  return { cells: kept ?? cells, events };
}

/** The field a column fills (the last one named, if several), if any: looked up only for a cell with a problem (rare), not for every row. */
function fieldOfColumn(fieldColumns: Readonly<Record<string, string | undefined>>, column: string): string | undefined {
  let found: string | undefined;
  for (const [field, mapped] of Object.entries(fieldColumns)) if (mapped === column) found = field;
  return found;
}
