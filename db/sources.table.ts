import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { jsonWithoutNul } from './jsonb.js';
import type { Database, SourcesTable } from './schema.js';

export type SourceRow = Selectable<SourcesTable>;
export type NewSourceRow = Insertable<SourcesTable>;
export type SourceRowUpdate = Updateable<SourcesTable>;

/**
 * The incremental state a scraper or import left for a source (ETags,
 * Last-Modified, seen ids …), or `undefined` for a source never saved.
 *
 * @example const state = (await getSourceState(db, 'app-store-fr')) ?? {};
 */
export async function getSourceState(db: Kysely<Database>, name: string): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('sources').select('state').where('name', '=', name).executeTakeFirst();
  return row?.state;
}

/**
 * Creates or replaces a source and its state, in one upsert.
 *
 * @example await saveSourceState(db, { name: 'app-store-fr', kind: 'app-store', url, state: { etag: '"abc"' } });
 */
export async function saveSourceState(
  db: Kysely<Database>,
  source: { name: string; kind: string; url: string | null; state: Readonly<Record<string, unknown>> },
): Promise<void> {
  const state = jsonWithoutNul(source.state);
  await db
    .insertInto('sources')
    .values({ name: source.name, kind: source.kind, url: source.url, state })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ kind: source.kind, url: source.url, state }))
    .execute();
}

/** Every known source, by name. */
export async function listSources(db: Kysely<Database>): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().orderBy('name').execute();
}
