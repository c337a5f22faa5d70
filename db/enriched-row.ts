import type { Enrichment, Verbatim } from '../core/verbatim.js';
import { contentHash } from '../core/verbatim-id.js';
import type { CopyValue } from './copy-text.js';
import { formatModelVersions } from './verbatim-rows.js';
import { checkScores } from './verbatims.table.js';

/** The columns of `verbatims` an enriched import writes, with their types, in the order of the record type below. */
export const ENRICHED_ROW_COLUMN_TYPES = [
  ['id', 'text'], ['source', 'text'], ['external_id', 'text'], ['content_hash', 'text'], ['text', 'text'], ['created_at', 'timestamptz'],
  ['nps', 'integer'], ['rating', 'real'], ['respondent', 'text'], ['author_key', 'text'], ['segments', 'jsonb'], ['journey_hint', 'text'],
  ['lang', 'text'], ['lang_confidence', 'double precision'], ['sentiment_supported', 'boolean'], ['sentiment', 'text'],
  ['sentiment_score', 'double precision'], ['journey', 'text'], ['nps_category', 'text'], ['model_version', 'text'],
  ['enriched_at', 'timestamptz'], ['enrich_failures', 'integer'], ['enrich_error', 'text'],
] as const;

export type EnrichedRowColumn = (typeof ENRICHED_ROW_COLUMN_TYPES)[number][0];

export const ENRICHED_ROW_COLUMNS: readonly EnrichedRowColumn[] = ENRICHED_ROW_COLUMN_TYPES.map(([column]) => column);

/** One row of `verbatims` as an enriched import writes it. */
export type EnrichedRow = Record<EnrichedRowColumn, CopyValue> & { readonly id: string };

/**
 * One row, every column in one object literal (no spreads or copies: it runs for every verbatim stored).
 * The enrichment columns as `enrichmentToRow` (db/verbatim-rows.ts) writes them; a failed verbatim
 * (`enrichment` undefined) has them null and its failure counted. The base columns as `verbatimToRow`,
 * the text's NUL characters left to `jsonWithoutNul` or `copyField`. Throws on scores out of range (`checkScores`).
 */
export function enrichedRow(verbatim: Verbatim, e: Enrichment | undefined, modelVersion: string | null, enrichedAt: Date | null, error: string | null): EnrichedRow {
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
 * `formatModelVersions` remembering its last argument: a batch's verbatims share one model-versions
 * object (one thread's, kept shared by the structured clone), so it is formatted once, not once a row.
 */
export function modelVersionFormatter(): (versions: Readonly<Record<string, string>>) => string {
  let last: Readonly<Record<string, string>> | undefined;
  let text = '';
  return (versions) => {
    if (versions !== last) {
      text = formatModelVersions(versions);
      last = versions;
    }
    return text;
  };
}
