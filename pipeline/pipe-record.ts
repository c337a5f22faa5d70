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

/** An integer score in range (numbers or numeric strings), else null. */
function asScore(value: unknown, min: number, max: number): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? number : null;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
