import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { InputError } from '../core/errors.js';
import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';
import { contentHash } from '../core/verbatim-id.js';
import type { NpsCategory, Respondent } from '../core/vocabulary.js';
import { recordTombstones } from './author-tombstones.table.js';
import { recordChange } from './change-log.js';
import { expectBatchSize, MAX_BIND_PARAMETERS } from './batch-size.js';
import { MAX_ENRICH_ATTEMPTS } from './enrich-failures.js';
import { jsonWithoutNul } from './jsonb.js';
import type { Database, VerbatimsTable } from './schema.js';
import { insertFirstThemeRows, replaceThemeRows } from './theme-row-writes.js';
import { ENRICHMENT_COLUMNS, enrichmentToRow, rowToEnriched, rowToVerbatim, VERBATIM_BASE_COLUMNS, verbatimToRow } from './verbatim-rows.js';
import { rowToThemeMention } from './verbatim-themes.table.js';
import { inWriteTransaction } from './write-transaction.js';

export type VerbatimsRow = Selectable<VerbatimsTable>;
export type NewVerbatimsRow = Insertable<VerbatimsTable>;
export type VerbatimsRowUpdate = Updateable<VerbatimsTable>;
export { rowToEnriched, rowToVerbatim } from './verbatim-rows.js';

/** Rows per INSERT so one statement stays under PostgreSQL's bind-parameter limit. */
export const MAX_INSERT_ROWS = Math.floor(MAX_BIND_PARAMETERS / VERBATIM_BASE_COLUMNS.length);

/**
 * Stores new verbatims: one multi-row `INSERT … ON CONFLICT (id) DO NOTHING` per
 * chunk of at most {@link MAX_INSERT_ROWS} rows, so importing the same file twice adds nothing.
 * Each chunk commits with its data-version bump (db/change-log.ts).
 *
 * @example await insertVerbatims(db, batch) // { inserted: 998, duplicates: 2 }
 */
export async function insertVerbatims(
  db: Kysely<Database>,
  verbatims: readonly Verbatim[],
  options: { chunkSize?: number } = {},
): Promise<{ inserted: number; duplicates: number }> {
  const chunkSize = Math.min(expectBatchSize(options.chunkSize ?? MAX_INSERT_ROWS, 'chunkSize'), MAX_INSERT_ROWS);
  verbatims.forEach(checkScores);
  let inserted = 0;
  for (let start = 0; start < verbatims.length; start += chunkSize) {
    const rows = verbatims.slice(start, start + chunkSize).map((verbatim) => verbatimToRow(verbatim, contentHash(verbatim.text)));
    inserted += await inWriteTransaction(db, async (trx) => {
      const result = await trx
        .insertInto('verbatims')
        .values(rows)
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      const added = Number(result.numInsertedOrUpdatedRows ?? 0n);
      // The chunk's ids, duplicates included: re-reading an unchanged verbatim costs a replica nothing wrong.
      if (added > 0) await recordChange(trx, rows.map((row) => row.id));
      return added;
    });
  }
  return { inserted, duplicates: verbatims.length - inserted };
}

/**
 * The verbatims still to enrich (`enriched_at` is null), in pages of `batchSize`,
 * by keyset on `id`: no connection is held between pages, each page starts after
 * the last id seen, so saving a page while iterating neither skips nor repeats a row,
 * and a run killed half-way starts again on what is left.
 *
 * @example for await (const batch of pendingVerbatims(db, { batchSize: 500 })) await sink.write(await enrich(batch));
 */
export async function* pendingVerbatims(db: Kysely<Database>, options: { batchSize: number }): AsyncIterable<Verbatim[]> {
  const batchSize = expectBatchSize(options.batchSize);
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom('verbatims').select(VERBATIM_BASE_COLUMNS).where('enriched_at', 'is', null).where('enrich_failures', '<', MAX_ENRICH_ATTEMPTS);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(batchSize).execute();
    const last = rows.at(-1);
    if (last === undefined) return;
    yield rows.map(rowToVerbatim);
    if (rows.length < batchSize) return;
    after = last.id;
  }
}

/** How many verbatims are still to enrich. */
export async function countPending(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('verbatims')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('enriched_at', 'is', null)
    .where('enrich_failures', '<', MAX_ENRICH_ATTEMPTS)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What `saveEnrichments` did: rows updated, theme rows written, and the ids it found no verbatim for (deleted meanwhile). */
export interface SaveEnrichmentsResult {
  readonly updated: number;
  readonly themes: number;
  readonly missing: readonly string[];
}

/**
 * Stores the pipeline's output for a batch in ONE transaction and three statements (and the data-version bump),
 * whatever the batch size: an `UPDATE … FROM jsonb_to_recordset(…)` of the enrichment
 * columns, a `DELETE` of the batch's previous theme rows, one multi-row `INSERT` of the
 * new ones. Saving the same batch twice leaves one set of themes. A verbatim that no
 * longer exists (forgotten meanwhile) is not re-created: its id comes back in `missing`.
 * `onlyPending`: rows already enriched are left alone (the first writer wins, even when two
 * workers run the same batch at once); their ids come back in `missing` too. The rows it
 * updates were pending, so they have no theme rows to replace: the `UPDATE` says which hold
 * some all the same and the `DELETE` is left out when none does (db/theme-row-writes.ts).
 *
 * @example await saveEnrichments(db, enriched, { now: clock() }) // { updated: 500, themes: 731, missing: [] }
 */
export async function saveEnrichments(
  db: Kysely<Database>,
  batch: readonly EnrichedVerbatim[],
  options: { now?: Date; onlyPending?: boolean } = {},
): Promise<SaveEnrichmentsResult> {
  if (batch.length === 0) return { updated: 0, themes: 0, missing: [] };
  const now = options.now ?? new Date();
  const latest = new Map(batch.map((item) => [item.id, item])); // the last copy of an id wins
  const updates = [...latest.values()].map(({ id, enrichment }) => ({ id, ...enrichmentToRow(enrichment) }));
  return db.transaction().execute(async (trx) => {
    const onlyPending = options.onlyPending === true;
    const { rows } = await sql<{ id: string; has_themes: boolean | null }>`
      update verbatims as v set
        lang = x.lang, lang_confidence = x.lang_confidence, sentiment_supported = x.sentiment_supported,
        sentiment = x.sentiment, sentiment_score = x.sentiment_score, journey = x.journey,
        nps_category = x.nps_category, model_version = x.model_version, enriched_at = ${now}, enrich_error = null
      from jsonb_to_recordset(${jsonWithoutNul(updates)}::text::jsonb) as x(
        id text, lang text, lang_confidence double precision, sentiment_supported boolean, sentiment text,
        sentiment_score double precision, journey text, nps_category text, model_version text)
      where v.id = x.id ${onlyPending ? sql`and v.enriched_at is null` : sql``}
      returning v.id, ${onlyPending ? sql`exists (select 1 from verbatim_themes t where t.verbatim_id = v.id)` : sql`null`} as has_themes`.execute(trx);
    const found = new Set(rows.map((row) => row.id));
    const ids = [...found];
    const mentions = ids.map((id) => ({ id, themes: latest.get(id)?.enrichment.themes ?? [] }));
    const themes = onlyPending
      ? await insertFirstThemeRows(trx, mentions, rows.filter((row) => row.has_themes === true).map((row) => row.id))
      : await replaceThemeRows(trx, mentions);
    if (ids.length > 0) await recordChange(trx, ids);
    return { updated: ids.length, themes, missing: [...latest.keys()].filter((id) => !found.has(id)) };
  });
}

/** What `exportVerbatims` can narrow to; every field is optional and they combine with AND. */
export interface ExportFilter {
  readonly source?: string;
  readonly respondent?: Respondent;
  /** Only verbatims tagged with this theme id. */
  readonly theme?: string;
  readonly journey?: string;
  readonly npsCategory?: NpsCategory;
  /** `created_at` from (inclusive) … to (exclusive); rows without a date are left out when set. */
  readonly from?: Date | string;
  readonly to?: Date | string;
  /** Every key/value must match (`segments @> …`). */
  readonly segments?: Readonly<Record<string, string>>;
}

/**
 * Every enriched verbatim with its themes, in pages of `batchSize` by keyset on
 * `id`; one query per page (themes aggregated in a subquery). Rows not enriched yet are left out.
 *
 * @example for await (const page of exportVerbatims(db, { batchSize: 1000, filter: { theme: 'fees_pricing' } })) write(page);
 */
export async function* exportVerbatims(
  db: Kysely<Database>,
  options: { batchSize: number; filter?: ExportFilter },
): AsyncIterable<EnrichedVerbatim[]> {
  const batchSize = expectBatchSize(options.batchSize);
  const filter = options.filter ?? {};
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom('verbatims as v')
      .select([...VERBATIM_BASE_COLUMNS, ...ENRICHMENT_COLUMNS].map((column) => `v.${column}` as const))
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('verbatim_themes as t')
            .select(['t.theme', 't.sentiment', 't.score', 't.confidence', 't.evidence'])
            .whereRef('t.verbatim_id', '=', 'v.id')
            .where('t.rolled_up', '=', false)
            .orderBy('t.confidence', 'desc')
            .orderBy('t.theme'),
        ).as('themes'),
      )
      .where('v.enriched_at', 'is not', null);
    if (after !== undefined) query = query.where('v.id', '>', after);
    if (filter.source !== undefined) query = query.where('v.source', '=', filter.source);
    if (filter.respondent !== undefined) query = query.where('v.respondent', '=', filter.respondent);
    if (filter.journey !== undefined) query = query.where('v.journey', '=', filter.journey);
    if (filter.npsCategory !== undefined) query = query.where('v.nps_category', '=', filter.npsCategory);
    if (filter.from !== undefined) query = query.where('v.created_at', '>=', new Date(filter.from));
    if (filter.to !== undefined) query = query.where('v.created_at', '<', new Date(filter.to));
    if (filter.segments !== undefined) {
      query = query.where(sql<boolean>`v.segments @> ${jsonWithoutNul(filter.segments)}::text::jsonb`);
    }
    const theme = filter.theme;
    if (theme !== undefined) {
      query = query.where(({ exists, selectFrom }) =>
        // A parent theme takes its sub-themes' verbatims too (`fees` matches `fees.card`): their rolled-up rows (db/theme-rollup.ts).
        exists(selectFrom('verbatim_themes as ft').select('ft.theme').whereRef('ft.verbatim_id', '=', 'v.id').where('ft.theme', '=', theme)),
      );
    }
    const rows = await query.orderBy('v.id').limit(batchSize).execute();
    const last = rows.at(-1);
    if (last === undefined) return;
    yield rows.map(({ themes, ...row }) => rowToEnriched(row, themes.map(rowToThemeMention)));
    if (rows.length < batchSize) return;
    after = last.id;
  }
}

/** What `forgetAuthor` deleted. */
export interface ForgetResult {
  readonly verbatims: number;
  readonly themes: number;
  readonly followups: number;
}

/**
 * GDPR art. 17: deletes every verbatim of an author key (or of any of several:
 * the keys one identity may have, e.g. one per review site) and every row derived
 * from them (theme mentions, follow-ups), records a tombstone for each key that
 * matched so a re-import skips them, in one transaction with its data-version bump, and says how many.
 * Compaction (`compactAfterForget`) runs after, outside the transaction.
 *
 * @example await forgetAuthor(db, 'a_5be0…') // { verbatims: 3, themes: 4, followups: 1 }
 */
export async function forgetAuthor(db: Kysely<Database>, authorKeys: string | readonly string[]): Promise<ForgetResult> {
  const keys = typeof authorKeys === 'string' ? [authorKeys] : [...new Set(authorKeys)];
  if (keys.length === 0) return { verbatims: 0, themes: 0, followups: 0 };
  return db.transaction().execute(async (trx) => {
    const matched = await trx.selectFrom('verbatims').select('author_key').distinct().where('author_key', 'in', keys).execute();
    const ofAuthor = trx.selectFrom('verbatims').select('id').where('author_key', 'in', keys);
    const themes = await trx.deleteFrom('verbatim_themes').where('verbatim_id', 'in', ofAuthor).executeTakeFirst();
    const followups = await trx.deleteFrom('followups').where('verbatim_id', 'in', ofAuthor).executeTakeFirst();
    const verbatims = await trx.deleteFrom('verbatims').where('author_key', 'in', keys).returning('id').execute();
    await recordTombstones(trx, matched.map((row) => row.author_key as string));
    if (verbatims.length > 0) await recordChange(trx, verbatims.map((row) => row.id), { followups: Number(followups.numDeletedRows) > 0 });
    return {
      verbatims: verbatims.length,
      themes: Number(themes.numDeletedRows),
      followups: Number(followups.numDeletedRows),
    };
  });
}

/** Rejects scores the table's CHECK constraints would refuse, naming the verbatim, before any row is written. */
export function checkScores(verbatim: Verbatim): void {
  const { nps, rating } = verbatim;
  if (nps !== null && !(Number.isInteger(nps) && nps >= 0 && nps <= 10)) {
    throw new InputError(`verbatim ${verbatim.id}: expected an integer from 0 to 10 or null, got ${String(nps)}`, { field: 'nps' });
  }
  if (rating !== null && !(Number.isFinite(rating) && rating >= 1 && rating <= 5)) {
    throw new InputError(`verbatim ${verbatim.id}: expected a rating from 1 to 5 or null, got ${String(rating)}`, { field: 'rating' });
  }
}
