import type { Kysely } from 'kysely';
import type { Verbatim } from '../core/verbatim.js';
import { insertRemembered } from './insert-remembered.js';
import type { Database } from './schema.js';
import { getSourceState, saveSourceState } from './sources.table.js';

/**
 * The content (hash, author) that `source` already holds among `hashes`: how a
 * scrape recognises a review posted again under another id.
 *
 * @example await knownContent(db, 'avis', [contentHash(text)]) // [{ hash: 'c_…', authorKey: 'a_…' }]
 */
export async function knownContent(
  db: Kysely<Database>,
  source: string,
  hashes: readonly string[],
): Promise<{ hash: string; authorKey: string | null }[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .selectFrom('verbatims')
    .select(['content_hash', 'author_key'])
    .where('source', '=', source)
    .where('content_hash', 'in', [...hashes])
    .execute();
  return rows.map((row) => ({ hash: row.content_hash, authorKey: row.author_key }));
}

/**
 * The database as a scrape's storage: source states, known content, inserts. It
 * matches scrapers/'s `ReviewTables` by shape (db/ may not import scrapers/); the CLI
 * hands it to `ingestStore`.
 *
 * @example const store = ingestStore(scrapeTables(db), { redact: true });
 */
export function scrapeTables(db: Kysely<Database>) {
  return {
    loadState: (source: string): Promise<unknown> => getSourceState(db, source),
    saveState: async (source: { readonly name: string; readonly kind: string; readonly urls: readonly string[] }, state: object): Promise<void> =>
      saveSourceState(db, { name: source.name, kind: source.kind, url: source.urls[0] ?? null, state: { ...state } }),
    knownContent: (source: string, hashes: readonly string[]) => knownContent(db, source, hashes),
    // Reviews of forgotten authors (tombstones) are not stored again: they count as already there.
    insert: (verbatims: readonly Verbatim[]) => insertRemembered(db, verbatims),
  };
}
