import type { JourneyStep, NpsCategory, Respondent, SentimentLabel } from './vocabulary.js';

/** Free-form segment fields (country, product, channel, branch, team, advisor, persona …). */
export type Segments = Readonly<Record<string, string>>;

/**
 * One customer (or employee) comment as it enters the pipeline, whatever its
 * origin: a survey row, a review page, a pipe-mode line.
 */
export interface Verbatim {
  /** Our id: stable for the same source + external id (or content), see `verbatimId`. */
  readonly id: string;
  /** The source's own id (survey respondent id, review id), when it has one. */
  readonly externalId: string | null;
  /** Name of the source: an import's `--source`, a scraper source name, `pipe`. */
  readonly source: string;
  /** The text exactly as received; may be empty for a score-only survey answer. */
  readonly text: string;
  /** ISO 8601 timestamp, or null when the source gave no date. */
  readonly createdAt: string | null;
  /** NPS answer 0–10, or null (reviews, score-less comments). */
  readonly nps: number | null;
  /** Star rating 1–5 for reviews, else null. */
  readonly rating: number | null;
  readonly respondent: Respondent;
  /** Hashed author key (GDPR): used by `verbatim forget --author`. */
  readonly authorKey: string | null;
  readonly segments: Segments;
  /** Journey step given by the source itself; wins over the linker when valid. */
  readonly journeyHint: string | null;
}

/** A theme found in a verbatim, with the sentiment of the clause that mentions it. */
export interface ThemeMention {
  readonly theme: string;
  readonly sentiment: SentimentLabel;
  /** −1..1 */
  readonly score: number;
  /** 0..1 */
  readonly confidence: number;
  /** The span of the text that carries the theme. */
  readonly evidence: string;
}

/** What the pipeline adds to a verbatim. */
export interface Enrichment {
  /** ISO 639-1 code or `und`. */
  readonly lang: string;
  readonly langConfidence: number;
  /** False when the language has no sentiment model: sentiment is then neutral/0 and must not be read. */
  readonly sentimentSupported: boolean;
  readonly sentiment: SentimentLabel;
  /** −1..1 */
  readonly sentimentScore: number;
  readonly themes: readonly ThemeMention[];
  readonly journey: JourneyStep | null;
  readonly npsCategory: NpsCategory | null;
  /** Model name → version, so a report can say what produced it. */
  readonly modelVersions: Readonly<Record<string, string>>;
}

export type EnrichedVerbatim = Verbatim & { readonly enrichment: Enrichment };
