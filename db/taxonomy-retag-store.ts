import { sql } from 'kysely';
import type { Kysely, SqlBool } from 'kysely';
import type { ThemeMention, Verbatim } from '../core/verbatim.js';
import { expectBatchSize } from './batch-size.js';
import { recordChange } from './change-log.js';
import type { Database } from './schema.js';
import { rowToVerbatim, VERBATIM_BASE_COLUMNS } from './verbatim-rows.js';
import { replaceThemeRows } from './theme-row-writes.js';

/** A stored, enriched verbatim as a re-tag reads it: the record, its NPS category and its own theme tags now. */
export interface StoredTagged {
  readonly verbatim: Verbatim;
  readonly npsCategory: string | null;
  /** The pipeline's own tags (rolled-up parents aside), sorted. */
  readonly themes: readonly string[];
}

/**
 * The enriched verbatims (within `scope`, segment values they must have) in pages of
 * `batchSize`, by keyset on `id`, each with its current theme tags: a re-tag or a
 * preview holds one page in memory at a time, however many verbatims there are.
 *
 * @example for await (const page of taggedVerbatimPages(db, { batchSize: 500 })) …
 */
export async function* taggedVerbatimPages(
  db: Kysely<Database>,
  options: { readonly batchSize: number; readonly scope?: Readonly<Record<string, string>> },
): AsyncIterable<StoredTagged[]> {
  const batchSize = expectBatchSize(options.batchSize);
  const scope = options.scope ?? {};
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom('verbatims as v')
      .select(VERBATIM_BASE_COLUMNS.map((column) => `v.${column}` as const))
      .select('v.nps_category')
      .select(sql<string[] | null>`(select array_agg(t.theme order by t.theme) from verbatim_themes t where t.verbatim_id = v.id and not t.rolled_up)`.as('themes'))
      .where('v.enriched_at', 'is not', null);
    if (Object.keys(scope).length > 0) query = query.where(sql<SqlBool>`v.segments @> ${JSON.stringify(scope)}::jsonb`);
    if (after !== undefined) query = query.where('v.id', '>', after);
    const rows = await query.orderBy('v.id').limit(batchSize).execute();
    const last = rows.at(-1);
    if (last === undefined) return;
    yield rows.map((row) => ({ verbatim: rowToVerbatim(row), npsCategory: row.nps_category, themes: row.themes ?? [] }));
    if (rows.length < batchSize) return;
    after = last.id;
  }
}

/** How many enriched verbatims a re-tag goes through (the progress bar's total). */
export async function countTagged(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('verbatims').select(sql<number>`count(*)::int`.as('n')).where('enriched_at', 'is not', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Replaces the theme tags of a page of verbatims (parents rolled up), in one transaction with its data-version bump,
 * through the same statements as `saveEnrichments`; sentiment, journey and the rest stay.
 */
export async function saveRetaggedThemes(db: Kysely<Database>, batch: readonly { readonly id: string; readonly themes: readonly ThemeMention[] }[]): Promise<void> {
  if (batch.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await replaceThemeRows(trx, batch);
    await recordChange(trx, batch.map((item) => item.id));
  });
}

/** The store a re-tag job runs over (pipeline/taxonomy-retag.ts's `RetagStore`, by shape). */
export function retagStore(db: Kysely<Database>) {
  return {
    count: (): Promise<number> => countTagged(db),
    pages: (batchSize: number): AsyncIterable<StoredTagged[]> => taggedVerbatimPages(db, { batchSize }),
    save: (batch: readonly { readonly id: string; readonly themes: readonly ThemeMention[] }[]): Promise<void> => saveRetaggedThemes(db, batch),
  };
}
