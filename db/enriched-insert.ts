import { sql, type Kysely } from 'kysely';
import type { EnrichedVerbatim, Enrichment, Verbatim } from '../core/verbatim.js';
import { contentHash } from '../core/verbatim-id.js';
import { recordChange } from './change-log.js';
import type { CommitTurn } from './commit-turn.js';
import type { CopyValue } from './copy-text.js';
import { copyNewVerbatims } from './enriched-copy.js';
import { ENRICH_ERROR_LENGTH } from './enrich-failures.js';
import { jsonArrayRows } from './json-array-rows.js';
import { copyTargetOf } from './pglite-copy.js';
import type { Database } from './schema.js';
import { copyFirstThemeRows, insertFirstThemeRows } from './theme-row-writes.js';
import { formatModelVersions } from './verbatim-rows.js';
import { checkScores } from './verbatims.table.js';

/** A verbatim the pipeline could not enrich, and why: stored pending, its failure counted. */
export interface UnenrichedVerbatim {
  readonly verbatim: Verbatim;
  readonly reason: string;
}

/** One import batch after enrichment: what the pipeline enriched and what it failed on. */
export interface EnrichedImportBatch {
  readonly enriched: readonly EnrichedVerbatim[];
  readonly failed: readonly UnenrichedVerbatim[];
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
  const modelVersion = lastFormatted(formatModelVersions);
  const rows = firstOfEachId([
    ...batch.enriched.map((item) => rowOf(item, item.enrichment, modelVersion(item.enrichment.modelVersions), now, null)),
    ...batch.failed.map(({ verbatim, reason }) => rowOf(verbatim, undefined, null, null, reason.slice(0, ENRICH_ERROR_LENGTH))),
  ]);
  if (rows.length === 0) {
    // Nothing to write: no transaction, but the next batch may begin, and this one ends in its turn.
    options.turn?.begun();
    await options.turn?.mayCommit;
    return { result: { inserted: 0, duplicates: total, enriched: 0, failed: 0, themes: 0 }, insertedIds: [] };
  }
  const themesById = new Map<string, EnrichedVerbatim['enrichment']['themes']>();
  for (const item of batch.enriched) if (!themesById.has(item.id)) themesById.set(item.id, item.enrichment.themes); // the first copy, as its row
  const target = options.copy === false ? undefined : copyTargetOf(db);
  const turn = options.turn;
  if (turn !== undefined) await turn.mayBegin;
  return db.transaction().execute(async (trx) => {
    turn?.begun();
    const inserted = target === undefined ? await insertNewVerbatims(trx, rows) : await copyNewVerbatims(trx, target, rows, COLUMNS);
    const enrichedIds = inserted.filter((id) => themesById.has(id));
    // Fresh rows hold no theme rows: nothing to delete, nothing to conflict with.
    const mentions = enrichedIds.map((id) => ({ id, themes: themesById.get(id) ?? [] }));
    const themes = target === undefined ? await insertFirstThemeRows(trx, mentions, []) : await copyFirstThemeRows(trx, target, mentions, new Set(inserted));
    await turn?.mayCommit;
    if (inserted.length > 0) await recordChange(trx, inserted);
    const result = { inserted: inserted.length, duplicates: total - inserted.length, enriched: enrichedIds.length, failed: inserted.length - enrichedIds.length, themes };
    return { result, insertedIds: inserted };
  });
}

/** The rows whose id the table does not hold yet, by one statement with one JSON parameter; returns their ids. */
async function insertNewVerbatims(trx: Kysely<Database>, rows: readonly Row[]): Promise<string[]> {
  const batch = jsonArrayRows(COLUMN_TYPES, rows);
  const { rows: returned } = await sql<{ id: string }>`
    insert into verbatims (${sql.join(COLUMNS.map((column) => sql.ref(column)))})
    select ${batch.columns} from ${batch.from}
    on conflict (id) do nothing
    returning id`.execute(trx);
  return returned.map((row) => row.id);
}

/** The columns written, with their types, in the order of the record type below. */
const COLUMN_TYPES = [
  ['id', 'text'], ['source', 'text'], ['external_id', 'text'], ['content_hash', 'text'], ['text', 'text'], ['created_at', 'timestamptz'],
  ['nps', 'integer'], ['rating', 'real'], ['respondent', 'text'], ['author_key', 'text'], ['segments', 'jsonb'], ['journey_hint', 'text'],
  ['lang', 'text'], ['lang_confidence', 'double precision'], ['sentiment_supported', 'boolean'], ['sentiment', 'text'],
  ['sentiment_score', 'double precision'], ['journey', 'text'], ['nps_category', 'text'], ['model_version', 'text'],
  ['enriched_at', 'timestamptz'], ['enrich_failures', 'integer'], ['enrich_error', 'text'],
] as const;

const COLUMNS = COLUMN_TYPES.map(([column]) => column);

type Row = Record<(typeof COLUMN_TYPES)[number][0], CopyValue> & { readonly id: string };

/**
 * One row, every column in one object literal (no spreads or copies: it runs for every verbatim stored).
 * The enrichment columns as `enrichmentToRow` (db/verbatim-rows.ts) writes them; a failed verbatim
 * (`enrichment` undefined) has them null and its failure counted. The base columns as `verbatimToRow`,
 * the text's NUL characters left to `jsonWithoutNul` or `copyField`.
 */
function rowOf(verbatim: Verbatim, e: Enrichment | undefined, modelVersion: string | null, enrichedAt: Date | null, error: string | null): Row {
  checkScores(verbatim);
  return {
    id: verbatim.id,
    source: verbatim.source,
    external_id: verbatim.externalId,
    content_hash: contentHash(verbatim.text),
    text: verbatim.text,
    created_at: verbatim.createdAt,
    nps: verbatim.nps,
    rating: verbatim.rating,
    respondent: verbatim.respondent,
    author_key: verbatim.authorKey,
    segments: verbatim.segments,
    journey_hint: verbatim.journeyHint,
    lang: e === undefined ? null : e.lang,
    lang_confidence: e === undefined ? null : e.langConfidence,
    sentiment_supported: e === undefined ? null : e.sentimentSupported,
    sentiment: e === undefined ? null : e.sentiment,
    sentiment_score: e === undefined ? null : e.sentimentScore,
    journey: e === undefined ? null : e.journey,
    nps_category: e === undefined ? null : e.npsCategory,
    model_version: modelVersion,
    enriched_at: enrichedAt,
    enrich_failures: e === undefined ? 1 : 0,
    enrich_error: error,
  };
}

/**
 * `format` remembering its last argument: a batch's verbatims share one model-versions object
 * (one thread's, kept shared by the structured clone), so it is formatted once, not once a row.
 */
function lastFormatted<T extends object>(format: (value: T) => string): (value: T) => string {
  let last: T | undefined;
  let text = '';
  return (value) => {
    if (value !== last) {
      text = format(value);
      last = value;
    }
    return text;
  };
}

function firstOfEachId(rows: readonly Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
}
