import { sql, type Kysely } from 'kysely';
import { copyBinaryFramed, type CopyBinaryColumn } from './copy-binary.js';
import { copyRows } from './copy-rows.js';
import type { CopyValue } from './copy-text.js';
import { ENCODED_VERBATIM_COLUMNS, ENRICHED_AT_VALUE_OFFSET, type EncodedEnrichedRows } from './enriched-row-bytes.js';
import { copyEncodedFirstThemeRows } from './theme-row-writes.js';
import type { CopyTarget } from './pglite-copy.js';
import type { Database } from './schema.js';
import { verbatimColumnType } from './verbatim-column-types.js';

/**
 * The rows of `rows` whose id `verbatims` does not hold yet, loaded by one `COPY` (embedded
 * database only: `target` from db/pglite-copy.ts), in the caller's transaction `trx`. What
 * `INSERT … SELECT FROM jsonb_to_recordset(…) ON CONFLICT (id) DO NOTHING RETURNING id` does,
 * for a third of its CPU: one indexed look-up of the batch's ids, then the new rows straight
 * into the table (binary format, text when a value does not fit it: db/copy-rows.ts), without a
 * JSON document to parse or a recordset to plan (db/README.md "One pass"). Safe without `ON
 * CONFLICT` because PGlite is one session and `trx` holds it: no other writer can insert an id
 * between the look-up and the `COPY`. `rows` must hold each id once. The look-up stays: a `COPY`
 * under a savepoint, looking up only after a unique violation, saved nothing measurable, twice
 * (db/README.md "The embedded store's cost per row").
 *
 * @returns the ids inserted, in `rows` order.
 * @example const inserted = await copyNewVerbatims(trx, target, rows, COLUMNS)
 */
export async function copyNewVerbatims<C extends string>(
  trx: Kysely<Database>,
  target: CopyTarget,
  rows: readonly (Readonly<Record<C, CopyValue>> & { readonly id: string })[],
  columns: readonly C[],
): Promise<string[]> {
  const held = await heldIds(trx, rows.map((row) => row.id));
  const fresh = held.size === 0 ? rows : rows.filter((row) => !held.has(row.id));
  if (fresh.length === 0) return [];
  await target.copyIn('verbatims', columns, copyRows(fresh, verbatimColumns(columns)));
  return fresh.map((row) => row.id);
}

function verbatimColumns<C extends string>(columns: readonly C[]): CopyBinaryColumn<C>[] {
  return columns.map((column) => [column, verbatimColumnType(column)] as const);
}

/**
 * {@link copyNewVerbatims} and then `copyEncodedFirstThemeRows` from rows an enrichment thread
 * encoded (db/enriched-row-bytes.ts): `ids[i]` is the id of the verbatim whose row is `encoded`'s
 * entry `i` (the first entry of an id wins, as there). The rows of the ids the table does not hold
 * are copied byte for byte, `enriched_at` set to `enrichedAt` (`timestamptzValueBytes` of it), and
 * their theme rows after them, with the roll-up. The same rows as `storeEnrichedBatch` builds
 * itself (tests/db/enriched-row-bytes.test.ts).
 *
 * @returns the ids inserted, in `ids` order, and how many theme rows the mentions gave.
 */
export async function copyNewEncodedVerbatims(
  trx: Kysely<Database>,
  target: CopyTarget,
  ids: readonly string[],
  encoded: EncodedEnrichedRows,
  enrichedAt: Uint8Array,
): Promise<{ readonly inserted: string[]; readonly themes: number }> {
  const firsts = firstIndexOfEachId(ids);
  const held = await heldIds(trx, firsts.map((index) => ids[index] ?? ''));
  const fresh = held.size === 0 ? firsts : firsts.filter((index) => !held.has(ids[index] ?? ''));
  if (fresh.length === 0) return { inserted: [], themes: 0 };
  const inserted = fresh.map((index) => ids[index] ?? '');
  const rows = fresh.map((index) => [index === 0 ? 0 : (encoded.rows.ends[index - 1] ?? 0), encoded.rows.ends[index] ?? 0] as const);
  await target.copyIn('verbatims', ENCODED_VERBATIM_COLUMNS, copyBinaryFramed(encoded.rows.bytes, rows, { at: ENRICHED_AT_VALUE_OFFSET, bytes: enrichedAt }));
  let themes = 0;
  let subThemes = false;
  const themeRanges: (readonly [number, number])[] = [];
  for (const index of fresh) {
    const count = encoded.themeCounts[index] ?? 0;
    if (count === 0) continue;
    themes += count;
    subThemes ||= encoded.subThemes[index] === 1;
    themeRanges.push([index === 0 ? 0 : (encoded.themeEnds[index - 1] ?? 0), encoded.themeEnds[index] ?? 0]);
  }
  if (themes > 0) await copyEncodedFirstThemeRows(trx, target, copyBinaryFramed(encoded.themes.bytes, themeRanges), inserted, subThemes);
  return { inserted, themes };
}

function firstIndexOfEachId(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  const firsts: number[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) return;
    seen.add(id);
    firsts.push(index);
  });
  return firsts;
}

/** Which of `ids` the table already holds. */
async function heldIds(trx: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    select id from verbatims where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`.execute(trx);
  return new Set(rows.map((row) => row.id));
}
