import type { Enrichment, EnrichedVerbatim, ThemeMention, Verbatim } from '../core/verbatim.js';
import { isJourneyStep, isRespondent, NPS_CATEGORIES } from '../core/vocabulary.js';
import type { JourneyStep, NpsCategory } from '../core/vocabulary.js';
import { jsonWithoutNul, withoutNul } from './jsonb.js';
import type { NewVerbatimRow, VerbatimRow } from './schema.js';
import { asSentiment } from './verbatim-themes.table.js';

/** The columns a `Verbatim` is made of (no enrichment), in insert order. */
export const VERBATIM_BASE_COLUMNS = [
  'id',
  'source',
  'external_id',
  'content_hash',
  'text',
  'created_at',
  'nps',
  'rating',
  'respondent',
  'author_key',
  'segments',
  'journey_hint',
] as const;

/** The columns the pipeline fills. */
export const ENRICHMENT_COLUMNS = [
  'lang',
  'lang_confidence',
  'sentiment_supported',
  'sentiment',
  'sentiment_score',
  'journey',
  'nps_category',
  'model_version',
  'enriched_at',
] as const;

/** A `Verbatim` as the insert row of `verbatims`; NUL characters, which PostgreSQL text cannot hold, are dropped. */
export function verbatimToRow(verbatim: Verbatim, contentHash: string): NewVerbatimRow {
  return {
    id: verbatim.id,
    source: verbatim.source,
    external_id: verbatim.externalId,
    content_hash: contentHash,
    text: withoutNul(verbatim.text),
    created_at: verbatim.createdAt,
    nps: verbatim.nps,
    rating: verbatim.rating,
    respondent: verbatim.respondent,
    author_key: verbatim.authorKey,
    segments: jsonWithoutNul(verbatim.segments),
    journey_hint: verbatim.journeyHint,
  };
}

/** The subset of a row `rowToVerbatim` reads. */
export type VerbatimBaseRow = Pick<VerbatimRow, (typeof VERBATIM_BASE_COLUMNS)[number]>;

/**
 * A stored row back as the `Verbatim` that was inserted (dates as ISO 8601 UTC).
 *
 * @example rowToVerbatim(await db.selectFrom('verbatims').selectAll().executeTakeFirstOrThrow())
 */
export function rowToVerbatim(row: VerbatimBaseRow): Verbatim {
  if (!isRespondent(row.respondent)) {
    throw new Error(`verbatims.respondent of ${row.id}: unexpected value \`${row.respondent}\``);
  }
  return {
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    text: row.text,
    createdAt: row.created_at === null ? null : toDate(row.created_at).toISOString(),
    nps: row.nps,
    rating: row.rating === null ? null : Number(row.rating),
    respondent: row.respondent,
    authorKey: row.author_key,
    segments: toSegments(row.segments),
    journeyHint: row.journey_hint,
  };
}

/** The subset of a row `rowToEnriched` reads. */
export type EnrichedRow = VerbatimBaseRow & Pick<VerbatimRow, (typeof ENRICHMENT_COLUMNS)[number]>;

/**
 * A stored, enriched row and its theme mentions as an `EnrichedVerbatim`.
 * Throws when the row has not been enriched yet (`enriched_at` is null).
 */
export function rowToEnriched(row: EnrichedRow, themes: readonly ThemeMention[]): EnrichedVerbatim {
  if (row.enriched_at === null) throw new Error(`verbatim ${row.id} has not been enriched yet`);
  const enrichment: Enrichment = {
    lang: row.lang ?? 'und',
    langConfidence: row.lang_confidence ?? 0,
    sentimentSupported: row.sentiment_supported ?? false,
    sentiment: asSentiment(row.sentiment ?? 'neutral', `verbatims.sentiment of ${row.id}`),
    sentimentScore: row.sentiment_score ?? 0,
    themes: [...themes],
    journey: asJourney(row.journey, row.id),
    npsCategory: asNpsCategory(row.nps_category, row.id),
    modelVersions: parseModelVersions(row.model_version),
  };
  return { ...rowToVerbatim(row), enrichment };
}

/** Model versions are kept as one JSON object in `model_version`, keys sorted so equal maps store equal text. */
export function formatModelVersions(versions: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(versions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

function parseModelVersions(value: string | null): Record<string, string> {
  if (value === null || value === '') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([key, version]) => [key, String(version)]));
    }
  } catch {
    // A plain version string written by hand: keep it under one key.
  }
  return { pipeline: value };
}

function asJourney(value: string | null, id: string): JourneyStep | null {
  if (value === null) return null;
  if (isJourneyStep(value)) return value;
  throw new Error(`verbatims.journey of ${id}: unexpected value \`${value}\``);
}

function asNpsCategory(value: string | null, id: string): NpsCategory | null {
  if (value === null) return null;
  if ((NPS_CATEGORIES as readonly string[]).includes(value)) return value as NpsCategory;
  throw new Error(`verbatims.nps_category of ${id}: unexpected value \`${value}\``);
}

function toSegments(value: unknown): Record<string, string> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (parsed === null || typeof parsed !== 'object') return {};
  return Object.fromEntries(Object.entries(parsed).map(([key, segment]) => [key, String(segment)]));
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * The enrichment columns of a verbatim row as every writer stores them (the enrich `UPDATE`, the enriching import's `INSERT`).
 *
 * @example enrichmentToRow(item.enrichment) // { lang: 'fr', lang_confidence: 0.98, …, model_version: '{"language":…}' }
 */
export function enrichmentToRow(e: Enrichment) {
  return {
    lang: e.lang,
    lang_confidence: e.langConfidence,
    sentiment_supported: e.sentimentSupported,
    sentiment: e.sentiment,
    sentiment_score: e.sentimentScore,
    journey: e.journey,
    nps_category: e.npsCategory,
    model_version: formatModelVersions(e.modelVersions),
  };
}
