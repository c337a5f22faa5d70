import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { recordChange } from './change-log.js';
import { jsonWithoutNul } from './jsonb.js';
import type { Database, TaxonomyVersionsTable } from './schema.js';
import { inWriteTransaction } from './write-transaction.js';

export type TaxonomyVersionRow = Selectable<TaxonomyVersionsTable>;
/** A version without its document, for history lists. */
export type TaxonomyVersionSummary = Omit<TaxonomyVersionRow, 'document'>;

/** What a new version stores. */
export interface NewTaxonomyVersion {
  /** The validated taxonomy (`{ themes: [...] }`). */
  readonly document: { readonly themes: readonly unknown[] };
  readonly author: string;
  readonly message: string;
  /** Ids this version removed → where their verbatims went (a merge). */
  readonly idMap?: Readonly<Record<string, string>>;
  readonly now: Date;
}

const SUMMARY_COLUMNS = ['version', 'author', 'message', 'id_map', 'created_at', 'active', 'retagged_at'] as const;

/**
 * Stores a taxonomy as the next version (1 on an empty table) and makes it the active
 * one, in one transaction (with the data-version bump: the dashboard shows the taxonomy).
 *
 * @example (await addTaxonomyVersion(db, { document, author: 'ana', message: 'rename fees', now })).version // 2
 */
export async function addTaxonomyVersion(db: Kysely<Database>, version: NewTaxonomyVersion): Promise<TaxonomyVersionRow> {
  return db.transaction().execute(async (trx) => {
    // Serialises writers on PostgreSQL: two applies at once get 2 and 3, not a key conflict.
    await sql`lock table taxonomy_versions in share row exclusive mode`.execute(trx);
    const { last } = await trx.selectFrom('taxonomy_versions').select((eb) => eb.fn.max('version').as('last')).executeTakeFirstOrThrow();
    await trx.updateTable('taxonomy_versions').set({ active: false }).where('active', '=', true).execute();
    const added = await trx
      .insertInto('taxonomy_versions')
      .values({
        version: (last ?? 0) + 1,
        document: jsonWithoutNul(version.document),
        author: version.author,
        message: version.message,
        id_map: JSON.stringify(version.idMap ?? {}),
        created_at: version.now,
        active: true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(trx, []);
    return added;
  });
}

/**
 * The active version; when the table is empty, `seed` is stored first as version 1
 * (the taxonomy file a database started with). Two first runs at once store it once.
 *
 * @example await activeOrSeedVersion(db, () => ({ document, author: 'enrich', message: 'from samples/taxonomy/default.yaml', now }))
 */
export async function activeOrSeedVersion(db: Kysely<Database>, seed: () => NewTaxonomyVersion): Promise<TaxonomyVersionRow> {
  const active = await activeTaxonomyVersion(db);
  if (active !== undefined) return active;
  const first = seed();
  await inWriteTransaction(db, async (trx) => {
    const stored = await trx
      .insertInto('taxonomy_versions')
      .values({ version: 1, document: jsonWithoutNul(first.document), author: first.author, message: first.message, id_map: '{}', created_at: first.now, active: true })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    if (Number(stored.numInsertedOrUpdatedRows ?? 0n) > 0) await recordChange(trx, []);
  });
  const seeded = await activeTaxonomyVersion(db);
  if (seeded === undefined) throw new Error('taxonomy_versions has versions but none is active');
  return seeded;
}

/** The version `enrich` tags with, or undefined before the first one is stored. */
export async function activeTaxonomyVersion(db: Kysely<Database>): Promise<TaxonomyVersionRow | undefined> {
  return db.selectFrom('taxonomy_versions').selectAll().where('active', '=', true).executeTakeFirst();
}

/** One version by number, or undefined. */
export async function taxonomyVersion(db: Kysely<Database>, version: number): Promise<TaxonomyVersionRow | undefined> {
  return db.selectFrom('taxonomy_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

/** Every version, newest first, without the documents. */
export async function listTaxonomyVersions(db: Kysely<Database>): Promise<TaxonomyVersionSummary[]> {
  return db.selectFrom('taxonomy_versions').select(SUMMARY_COLUMNS).orderBy('version', 'desc').execute();
}

/**
 * Makes an existing version the active one (undo: the one before the active).
 *
 * @returns the version now active, or undefined when there is no such version.
 */
export async function activateTaxonomyVersion(db: Kysely<Database>, version: number): Promise<TaxonomyVersionRow | undefined> {
  return db.transaction().execute(async (trx) => {
    if ((await trx.selectFrom('taxonomy_versions').select('version').where('version', '=', version).executeTakeFirst()) === undefined) return undefined;
    await trx.updateTable('taxonomy_versions').set({ active: false }).where('active', '=', true).execute();
    const activated = await trx.updateTable('taxonomy_versions').set({ active: true, retagged_at: null }).where('version', '=', version).returningAll().executeTakeFirst();
    await recordChange(trx, []);
    return activated;
  });
}

/** The version before the active one (what undo goes back to), or undefined at version 1. */
export async function previousTaxonomyVersion(db: Kysely<Database>): Promise<TaxonomyVersionSummary | undefined> {
  const active = await activeTaxonomyVersion(db);
  if (active === undefined) return undefined;
  return db.selectFrom('taxonomy_versions').select(SUMMARY_COLUMNS).where('version', '<', active.version).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Records that every stored verbatim now carries this version's tags (the dashboard's caches key on it). */
export async function markRetagged(db: Kysely<Database>, version: number, at: Date): Promise<void> {
  await inWriteTransaction(db, async (trx) => {
    await trx.updateTable('taxonomy_versions').set({ retagged_at: at }).where('version', '=', version).execute();
    await recordChange(trx, []);
  });
}
