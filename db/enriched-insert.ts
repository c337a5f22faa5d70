import { sql, type Kysely } from 'kysely';
import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';
import { recordChange } from './change-log.js';
import type { CommitTurn } from './commit-turn.js';
import { timestamptzValueBytes } from './copy-binary.js';
import { copyNewEncodedVerbatims, copyNewVerbatims } from './enriched-copy.js';
import { ENRICHED_ROW_COLUMN_TYPES, ENRICHED_ROW_COLUMNS, enrichedRow, modelVersionFormatter, type EnrichedRow } from './enriched-row.js';
import type { EncodedEnrichedRows } from './enriched-row-bytes.js';
import { ENRICH_ERROR_LENGTH } from './enrich-failures.js';
import { jsonArrayRows } from './json-array-rows.js';
import { copyTargetOf, type CopyTarget } from './pglite-copy.js';
import type { Database } from './schema.js';
import { copyFirstThemeRows, insertFirstThemeRows } from './theme-row-writes.js';

/** A verbatim the pipeline could not enrich, and why: stored pending, its failure counted. */
export interface UnenrichedVerbatim {
  readonly verbatim: Verbatim;
  readonly reason: string;
}

/** One import batch after enrichment: what the pipeline enriched and what it failed on. */
export interface EnrichedImportBatch {
  readonly enriched: readonly EnrichedVerbatim[];
  readonly failed: readonly UnenrichedVerbatim[];
  /**
   * The rows of `enriched`, already encoded by the thread that enriched them (db/enriched-row-bytes.ts):
   * on the embedded database, with nothing failed, the store copies these instead of building them.
   */
  readonly encoded?: EncodedEnrichedRows;
}

/** What `insertEnrichedVerbatims` stored: new rows (enriched or pending), theme rows, and the ids it already held. */
export interface EnrichedInsertResult {
  readonly inserted: number;
  readonly duplicates: number;
  readonly enriched: number;
  readonly failed: number;
  readonly themes: number;
}

/**
 * Stores an import batch already enriched (`verbatim import --enrich`), in ONE transaction: the
 * new rows with their enrichment columns set as `saveEnrichments` sets them, the theme rows (and
 * their roll-up) of the ids actually inserted, the data-version bump last. No row is read back or
 * updated. A verbatim the pipeline failed on goes in pending, its failure counted as
 * `recordEnrichFailures` counts it, so `verbatim enrich` takes it up. The first copy of an id wins,
 * as in `insertVerbatims`; an id already stored is left alone, counted as a duplicate.
 *
 * Two ways, the same rows (tests/db/enriched-copy.test.ts): on the embedded database, `COPY` of
 * the new rows and of their theme rows (db/enriched-copy.ts; about 40 % less CPU in the store's
 * statements, db/README.md "One pass"); elsewhere (PostgreSQL, a shared serve's socket) — or with
 * `copy: false` — `INSERT … SELECT FROM jsonb_array_elements(…) ON CONFLICT (id) DO NOTHING
 * RETURNING id` and a plain `INSERT` of the theme rows, one JSON parameter of row arrays each
 * whatever the batch size (db/json-array-rows.ts; 30 % less CPU than a multi-row `VALUES` of 23
 * bound columns a row).
 *
 * @example await insertEnrichedVerbatims(db, { enriched, failed: [] }, { now }) // { inserted: 498, duplicates: 2, … }
 */
export async function insertEnrichedVerbatims(
  db: Kysely<Database>,
  batch: EnrichedImportBatch,
  options: { now?: Date; copy?: boolean } = {},
): Promise<EnrichedInsertResult> {
  return (await storeEnrichedBatch(db, batch, options)).result;
}

/**
 * `insertEnrichedVerbatims`, also returning the ids it inserted (each once, the batch's order):
 * what the import's replica feed writes (db/replica-feed.ts). `turn`: the order to keep beside
 * other batches' transactions under way at once (db/commit-turn.ts); the caller sees that no two
 * of them hold the same id.
 */
export async function storeEnrichedBatch(
  db: Kysely<Database>,
  batch: EnrichedImportBatch,
  options: { now?: Date; copy?: boolean; turn?: CommitTurn } = {},
): Promise<{ readonly result: EnrichedInsertResult; readonly insertedIds: readonly string[] }> {
  const now = options.now ?? new Date();
  const total = batch.enriched.length + batch.failed.length;
  const target = options.copy === false ? undefined : copyTargetOf(db);
  const encoded = target === undefined ? undefined : usableEncoding(batch, now);
  if (target !== undefined && encoded !== undefined) return storeEncoded(db, target, batch.enriched, encoded, options.turn);
  const modelVersion = modelVersionFormatter();
  const rows = firstOfEachId([
    ...batch.enriched.map((item) => enrichedRow(item, item.enrichment, modelVersion(item.enrichment.modelVersions), now, null)),
    ...batch.failed.map(({ verbatim, reason }) => enrichedRow(verbatim, undefined, null, null, reason.slice(0, ENRICH_ERROR_LENGTH))),
  ]);
  if (rows.length === 0) {
    // Nothing to write: no transaction, but the next batch may begin, and this one ends in its turn.
    options.turn?.begun();
    await options.turn?.mayCommit;
    return { result: { inserted: 0, duplicates: total, enriched: 0, failed: 0, themes: 0 }, insertedIds: [] };
  }
  const themesById = new Map<string, EnrichedVerbatim['enrichment']['themes']>();
  for (const item of batch.enriched) if (!themesById.has(item.id)) themesById.set(item.id, item.enrichment.themes); // the first copy, as its row
  return writeInTurn(db, options.turn, total, async (trx) => {
    const inserted = target === undefined ? await insertNewVerbatims(trx, rows) : await copyNewVerbatims(trx, target, rows, ENRICHED_ROW_COLUMNS);
    const enrichedIds = inserted.filter((id) => themesById.has(id));
    // Fresh rows hold no theme rows: nothing to delete, nothing to conflict with.
    const mentions = enrichedIds.map((id) => ({ id, themes: themesById.get(id) ?? [] }));
    const themes = target === undefined ? await insertFirstThemeRows(trx, mentions, []) : await copyFirstThemeRows(trx, target, mentions, new Set(inserted));
    return { inserted, enriched: enrichedIds.length, themes };
  });
}

/** What one batch's transaction wrote: the ids inserted, how many of them enriched, the theme rows. */
interface BatchWrite {
  readonly inserted: readonly string[];
  readonly enriched: number;
  readonly themes: number;
}

/**
 * One batch's transaction, in its turn: begins when the turn allows, writes, waits for the batches
 * before it to commit, records the inserted ids in the change log. `total`: verbatims in the batch.
 */
async function writeInTurn(
  db: Kysely<Database>,
  turn: CommitTurn | undefined,
  total: number,
  write: (trx: Kysely<Database>) => Promise<BatchWrite>,
): Promise<{ readonly result: EnrichedInsertResult; readonly insertedIds: readonly string[] }> {
  if (turn !== undefined) await turn.mayBegin;
  return db.transaction().execute(async (trx) => {
    turn?.begun();
    const { inserted, enriched, themes } = await write(trx);
    await turn?.mayCommit;
    if (inserted.length > 0) await recordChange(trx, inserted);
    const result = { inserted: inserted.length, duplicates: total - inserted.length, enriched, failed: inserted.length - enriched, themes };
    return { result, insertedIds: inserted };
  });
}

/** The rows whose id the table does not hold yet, by one statement with one JSON parameter; returns their ids. */
async function insertNewVerbatims(trx: Kysely<Database>, rows: readonly EnrichedRow[]): Promise<string[]> {
  const batch = jsonArrayRows(ENRICHED_ROW_COLUMN_TYPES, rows);
  const { rows: returned } = await sql<{ id: string }>`
    insert into verbatims (${sql.join(ENRICHED_ROW_COLUMNS.map((column) => sql.ref(column)))})
    select ${batch.columns} from ${batch.from}
    on conflict (id) do nothing
    returning id`.execute(trx);
  return returned.map((row) => row.id);
}

/**
 * The batch's encoded rows when the store may copy them: every verbatim enriched (a failed one's row
 * is built here), one row per verbatim, and a clock `COPY`'s binary format writes as an instant.
 */
function usableEncoding(batch: EnrichedImportBatch, now: Date): { readonly rows: EncodedEnrichedRows; readonly enrichedAt: Uint8Array } | undefined {
  const rows = batch.encoded;
  if (rows === undefined || batch.failed.length > 0 || batch.enriched.length === 0 || rows.rows.ends.length !== batch.enriched.length) return undefined;
  const enrichedAt = timestamptzValueBytes(now);
  return enrichedAt === undefined ? undefined : { rows, enrichedAt };
}

/** `storeEnrichedBatch` of a batch whose rows an enrichment thread encoded: one transaction, the same steps. */
async function storeEncoded(
  db: Kysely<Database>,
  target: CopyTarget,
  enriched: readonly EnrichedVerbatim[],
  encoded: { readonly rows: EncodedEnrichedRows; readonly enrichedAt: Uint8Array },
  turn: CommitTurn | undefined,
): Promise<{ readonly result: EnrichedInsertResult; readonly insertedIds: readonly string[] }> {
  const ids = enriched.map((item) => item.id);
  return writeInTurn(db, turn, ids.length, async (trx) => {
    const { inserted, themes } = await copyNewEncodedVerbatims(trx, target, ids, encoded.rows, encoded.enrichedAt);
    return { inserted, enriched: inserted.length, themes };
  });
}

function firstOfEachId(rows: readonly EnrichedRow[]): EnrichedRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
}
