import type { ReplicaRow } from './replica-sql.js';

/** A category column a statement also groups on, and the column each of its values is counted into. */
export interface CategorySpread {
  readonly column: string;
  readonly into: Readonly<Record<string, string>>;
}

/** `v.nps_category` counted into `promoters`, `passives` and `detractors`, as `REPLICA_COUNTS` names them. */
export const NPS_CATEGORY_SPREAD: CategorySpread = { column: 'nps_category', into: { promoter: 'promoters', passive: 'passives', detractor: 'detractors' } };

/** A sentiment column counted into `positive` and `negative`. */
export const SENTIMENT_SPREAD: CategorySpread = { column: 'sentiment', into: { positive: 'positive', negative: 'negative' } };

/** How `spreadCategories` folds a statement's rows. */
export interface SpreadOptions {
  /** The columns of one output row (the statement's own GROUP BY); the first row of a key gives their values. */
  readonly keys: readonly string[];
  /** The column holding each row's `count(*)`: summed into each spread's columns, and into itself. */
  readonly count: string;
  readonly spreads: readonly CategorySpread[];
  /** Other columns summed over the key's rows (integers: the sums are exact). */
  readonly sums?: readonly string[];
}

/**
 * A statement's rows grouped on its keys *and* on category columns (`group by t.theme,
 * v.nps_category`), folded back to one row a key: the rows' counts summed into the column each
 * category value names (0 when none), `count` and `sums` summed, the keys kept, in the order
 * they first come. DuckDB compares an ENUM column with a string constant (`count(*) filter
 * (where v.nps_category = 'promoter')`, a CASE on it) by casting the column to text a row;
 * grouping on the ENUM and spreading here costs a fraction of that (db/README.md, "A cold
 * report's start").
 */
export function spreadCategories(rows: readonly ReplicaRow[], options: SpreadOptions): ReplicaRow[] {
  const sums = options.sums ?? [];
  const folded = new Map<string, Record<string, string | number | boolean | Date | null>>();
  for (const row of rows) {
    const key = JSON.stringify(options.keys.map((column) => keyValue(row[column])));
    let out = folded.get(key);
    if (out === undefined) {
      out = Object.fromEntries(options.keys.map((column) => [column, row[column] ?? null]));
      out[options.count] = 0;
      for (const column of sums) out[column] = 0;
      for (const spread of options.spreads) for (const column of Object.values(spread.into)) out[column] = 0;
      folded.set(key, out);
    }
    const n = Number(row[options.count] ?? 0);
    out[options.count] = Number(out[options.count]) + n;
    for (const column of sums) out[column] = Number(out[column]) + Number(row[column] ?? 0);
    for (const spread of options.spreads) {
      const value = row[spread.column];
      const column = value === null || value === undefined ? undefined : spread.into[String(value)];
      if (column !== undefined) out[column] = Number(out[column]) + n;
    }
  }
  return [...folded.values()];
}

function keyValue(value: ReplicaRow[string] | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value.toISOString() : value;
}

/** Compares texts in UTF-8 byte order, as DuckDB orders VARCHARs and the replica's ENUMs (their values kept in byte order). */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
