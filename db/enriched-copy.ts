import { sql, type Kysely } from 'kysely';
import type { CopyBinaryColumn, CopyBinaryType } from './copy-binary.js';
import { copyRows } from './copy-rows.js';
import type { CopyValue } from './copy-text.js';
import type { CopyTarget } from './pglite-copy.js';
import type { Database } from './schema.js';

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

/** The types of the columns of `verbatims` a `COPY` may write, as the table declares them (binary `COPY` does not convert). */
export const VERBATIM_COLUMN_TYPES: Readonly<Record<string, CopyBinaryType>> = {
  id: 'text', source: 'text', external_id: 'text', content_hash: 'text', text: 'text', created_at: 'timestamptz', nps: 'smallint',
  rating: 'real', respondent: 'text', author_key: 'text', segments: 'jsonb', journey_hint: 'text', lang: 'text',
  lang_confidence: 'double precision', sentiment_supported: 'boolean', sentiment: 'text', sentiment_score: 'double precision',
  journey: 'text', nps_category: 'text', model_version: 'text', enriched_at: 'timestamptz', enrich_failures: 'integer', enrich_error: 'text',
};

function verbatimColumnType(column: string): CopyBinaryType {
  const type = VERBATIM_COLUMN_TYPES[column];
  if (type === undefined) throw new Error(`copyNewVerbatims: no binary type known for column \`${column}\``);
  return type;
}

/** Which of `ids` the table already holds. */
async function heldIds(trx: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    select id from verbatims where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`.execute(trx);
  return new Set(rows.map((row) => row.id));
}
