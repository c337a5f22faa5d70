import type { Kysely } from 'kysely';
import type { Verbatim } from '../core/verbatim.js';
import { withoutForgotten } from './author-tombstones.table.js';
import type { Database } from './schema.js';
import { insertVerbatims } from './verbatims.table.js';

/**
 * `insertVerbatims` for everything that brings answers in (import, demo, scrape):
 * answers of forgotten authors (tombstones) are left out and counted, so no way in
 * brings a forgotten person back.
 *
 * @example const { inserted, duplicates, forgotten } = await insertRemembered(db, batch)
 */
export async function insertRemembered(
  db: Kysely<Database>,
  batch: readonly Verbatim[],
): Promise<Awaited<ReturnType<typeof insertVerbatims>> & { readonly forgotten: number }> {
  const { kept, forgotten } = await withoutForgotten(db, batch);
  return { ...(await insertVerbatims(db, kept)), forgotten };
}
