import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../core/package-root.js';
import type { EnrichedVerbatim } from '../core/verbatim.js';
import { copyBinaryTuples, type CopyBinaryColumn, type CopyBinaryTuples } from './copy-binary.js';
import { ENRICHED_ROW_COLUMNS, enrichedRow, modelVersionFormatter, type EnrichedRowColumn } from './enriched-row.js';
import { isSubThemeRow, THEME_COLUMN_TYPES, themeRowsOf } from './theme-row-writes.js';
import { verbatimColumnType } from './verbatim-column-types.js';

/**
 * An enriched import batch's rows in `COPY`'s binary format, encoded where the batch was enriched
 * (an enrichment thread, pipeline/enrich-thread.ts), so that the calling thread — which runs the
 * embedded database and is the import's bottleneck — only picks the rows of the ids the table does
 * not hold yet and copies their bytes (db/enriched-copy.ts `copyNewEncodedVerbatims`). Entry `i` of
 * each array is the batch's verbatim `i`.
 */
export interface EncodedEnrichedRows {
  /** Each verbatim's row of `verbatims`, columns `ENCODED_VERBATIM_COLUMNS`: `enriched_at` first, a placeholder the store overwrites with its own clock. */
  readonly rows: CopyBinaryTuples;
  /** The theme rows of every verbatim (the strongest mention per theme), one verbatim's after the other's. */
  readonly themes: CopyBinaryTuples;
  /** Where verbatim `i`'s theme rows end in `themes.bytes` (they start where verbatim `i − 1`'s end). */
  readonly themeEnds: Uint32Array;
  /** How many theme rows verbatim `i` has. */
  readonly themeCounts: Uint32Array;
  /** 1 when one of verbatim `i`'s theme rows is a sub-theme's (the roll-up then adds its parents). */
  readonly subThemes: Uint8Array;
}

/** The columns of `EncodedEnrichedRows.rows`, in order: `enriched_at` first, so its value sits at one offset in every row. */
export const ENCODED_VERBATIM_COLUMNS: readonly EnrichedRowColumn[] = ['enriched_at', ...ENRICHED_ROW_COLUMNS.filter((column) => column !== 'enriched_at')];

/** Where `enriched_at`'s 8 bytes of value start in a row's tuple: after the field count (2 bytes) and the field's length (4). */
export const ENRICHED_AT_VALUE_OFFSET = 6;

/** What the rows carry in `enriched_at` until the store writes its clock there: any valid instant (a NULL would take fewer bytes). */
const ENRICHED_AT_PLACEHOLDER = new Date(0);

const ENCODED_VERBATIM_TYPES: readonly CopyBinaryColumn<EnrichedRowColumn>[] = ENCODED_VERBATIM_COLUMNS.map((column) => [column, verbatimColumnType(column)] as const);

/**
 * The rows `storeEnrichedBatch` would `COPY` for `enriched` (every verbatim enriched, none failed),
 * encoded. Throws what building them throws: a score out of range (`checkScores`), a value the
 * binary format cannot take (`CopyBinaryUnfitError`; the store then writes the batch as text).
 *
 * @example const encoded = encodeEnrichedRows(enriched); encoded.rows.ends.length === enriched.length
 */
export function encodeEnrichedRows(enriched: readonly EnrichedVerbatim[]): EncodedEnrichedRows {
  const modelVersion = modelVersionFormatter();
  const rows = enriched.map((item) => enrichedRow(item, item.enrichment, modelVersion(item.enrichment.modelVersions), ENRICHED_AT_PLACEHOLDER, null));
  const themeCounts = new Uint32Array(enriched.length);
  const subThemes = new Uint8Array(enriched.length);
  const themeRows = enriched.flatMap((item, index) => {
    const own = themeRowsOf([{ id: item.id, themes: item.enrichment.themes }]);
    themeCounts[index] = own.length;
    subThemes[index] = own.some(isSubThemeRow) ? 1 : 0;
    return own;
  });
  const themes = copyBinaryTuples(themeRows, THEME_COLUMN_TYPES);
  const themeEnds = new Uint32Array(enriched.length);
  let rowsSoFar = 0;
  for (let index = 0; index < enriched.length; index += 1) {
    rowsSoFar += themeCounts[index] ?? 0;
    themeEnds[index] = rowsSoFar === 0 ? 0 : (themes.ends[rowsSoFar - 1] ?? 0);
  }
  return { rows: copyBinaryTuples(rows, ENCODED_VERBATIM_TYPES), themes, themeEnds, themeCounts, subThemes };
}

/**
 * The batch encoder an enrichment thread loads (pipeline/thread-pool-pipeline.ts `BatchEncoder`,
 * matched by shape): the encoded rows and the buffers to move rather than copy across the thread
 * boundary; undefined when the rows cannot be encoded — the store then builds them itself and
 * meets the same error, where it can report it.
 */
export function encodeBatch(enriched: readonly EnrichedVerbatim[]): { readonly value: EncodedEnrichedRows; readonly transfer: ArrayBuffer[] } | undefined {
  let value: EncodedEnrichedRows;
  try {
    value = encodeEnrichedRows(enriched);
  } catch {
    return undefined;
  }
  const transfer = [value.rows.bytes, value.rows.ends, value.themes.bytes, value.themes.ends, value.themeEnds, value.themeCounts, value.subThemes].map(
    (array) => array.buffer as ArrayBuffer,
  );
  return { value, transfer };
}

/**
 * The compiled module of this file, which an enrichment thread imports (it cannot load TypeScript):
 * `dist/db/enriched-row-bytes.js`, also when this runs from the sources (vitest).
 */
export const ENRICHED_ROW_ENCODER: string = import.meta.url.endsWith('.ts')
  ? pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'db', 'enriched-row-bytes.js')).href
  : import.meta.url;
