import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';
import { isRespondent } from '../core/vocabulary.js';

/** Input fields with a meaning of their own; every other scalar field is a segment. */
const KNOWN_FIELDS = new Set(['id', 'text', 'nps', 'source', 'created_at', 'respondent', 'journey', 'rating', 'author']);

/** A pipe-mode input line turned into a Verbatim; `null` fields when absent or invalid. */
export function pipeRecordToVerbatim(record: Readonly<Record<string, unknown>>, line: number): Verbatim {
  const id = record['id'] == null ? `line-${line}` : String(record['id']);
  const segments: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (KNOWN_FIELDS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') segments[key] = String(value);
  }
  return {
    id,
    externalId: id,
    source: typeof record['source'] === 'string' ? record['source'] : 'pipe',
    text: record['text'] as string,
    createdAt: typeof record['created_at'] === 'string' ? record['created_at'] : null,
    nps: asScore(record['nps'], 0, 10),
    rating: asScore(record['rating'], 1, 5),
    respondent: isRespondent(record['respondent']) ? record['respondent'] : 'customer',
    authorKey: null,
    segments,
    journeyHint: typeof record['journey'] === 'string' ? record['journey'] : null,
  };
}

/** The output line: every input field as it came, then the CONTRACT.md enrichment fields. */
export function enrichedToPipeRecord(
  input: Readonly<Record<string, unknown>>,
  enriched: EnrichedVerbatim,
): Record<string, unknown> {
  const e = enriched.enrichment;
  return {
    ...input,
    lang: e.lang,
    lang_confidence: round(e.langConfidence),
    sentiment: e.sentiment,
    sentiment_score: round(e.sentimentScore),
    sentiment_supported: e.sentimentSupported,
    themes: e.themes.map((theme) => ({
      theme: theme.theme,
      sentiment: theme.sentiment,
      score: round(theme.score),
      confidence: round(theme.confidence),
      evidence: theme.evidence,
    })),
    journey: e.journey,
    nps_category: e.npsCategory,
  };
}

/** The output keys pipe mode adds, in their order. */
const ENRICHMENT_KEYS = ['lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_supported', 'themes', 'journey', 'nps_category'] as const;

/**
 * `JSON.stringify(enrichedToPipeRecord(input, enriched))`, byte for byte, written directly: the
 * input line's own JSON then the enrichment fields, without building the merged record and its
 * theme objects first. An input that already has an enrichment key keeps that key's place (object
 * spread), so it takes the general path.
 */
export function pipeRecordJson(input: Readonly<Record<string, unknown>>, enriched: EnrichedVerbatim): string {
  for (const key of ENRICHMENT_KEYS) if (Object.hasOwn(input, key)) return JSON.stringify(enrichedToPipeRecord(input, enriched));
  const e = enriched.enrichment;
  const head = JSON.stringify(input);
  let json = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"lang":${JSON.stringify(e.lang)},"lang_confidence":${number(round(e.langConfidence))}`;
  json += `,"sentiment":${JSON.stringify(e.sentiment)},"sentiment_score":${number(round(e.sentimentScore))},"sentiment_supported":${e.sentimentSupported},"themes":[`;
  e.themes.forEach((theme, index) => {
    json += `${index === 0 ? '' : ','}{"theme":${JSON.stringify(theme.theme)},"sentiment":${JSON.stringify(theme.sentiment)},"score":${number(round(theme.score))}`;
    json += `,"confidence":${number(round(theme.confidence))},"evidence":${JSON.stringify(theme.evidence)}}`;
  });
  return `${json}],"journey":${JSON.stringify(e.journey)},"nps_category":${JSON.stringify(e.npsCategory)}}`;
}

/** A number as JSON writes it (`null` for what JSON cannot hold). */
function number(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** An integer score in range (numbers or numeric strings), else null. */
function asScore(value: unknown, min: number, max: number): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? number : null;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
