import { sql, type Kysely } from 'kysely';
import { copyLine, type CopyValue } from './copy-text.js';
import type { CopyTarget } from './pglite-copy.js';
import type { Database } from './schema.js';

/**
 * The rows of `rows` whose id `verbatims` does not hold yet, loaded by one `COPY` (embedded
 * database only: `target` from db/pglite-copy.ts), in the caller's transaction `trx`. What
 * `INSERT … SELECT FROM jsonb_to_recordset(…) ON CONFLICT (id) DO NOTHING RETURNING id` does,
 * for a third of its CPU: one indexed look-up of the batch's ids, then the new rows straight
 * into the table, without a JSON document to parse or a recordset to plan (db/README.md "One
 * pass"). Safe without `ON CONFLICT` because PGlite is one session and `trx` holds it: no other
 * writer can insert an id between the look-up and the `COPY`. `rows` must hold each id once.
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
  let text = '';
  for (const row of fresh) text += copyLine(row, columns);
  await target.copyIn('verbatims', columns, text);
  return fresh.map((row) => row.id);
}

/** Which of `ids` the table already holds. */
async function heldIds(trx: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    select id from verbatims where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`.execute(trx);
  return new Set(rows.map((row) => row.id));
}
