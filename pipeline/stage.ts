import type { Enrichment, Verbatim } from '../core/verbatim.js';
import type { SentimentAnalysis } from '../models/types.js';

/** What a stage sees of the run: a signal to stop on, and an injected clock. */
export interface StageContext {
  readonly signal: AbortSignal;
  readonly now: () => Date;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A verbatim on its way through the stages. `text` is what the models read
 * (normalised, PII redacted); `verbatim.text` stays as received.
 */
export interface WorkItem {
  readonly verbatim: Verbatim;
  text: string;
  enrichment: Partial<Mutable<Enrichment>>;
  /** The sentiment stage's full analysis (clauses), read by the theme stage. */
  sentimentAnalysis?: SentimentAnalysis;
  /** With `lang` `und`: the languages the text reads equally well in, likeliest first (`LanguageGuess.candidates`). */
  languageCandidates?: readonly string[];
}

/**
 * One step of the pipeline. Stages work on batches so the transformer tier can
 * batch its inference.
 */
export interface Stage {
  readonly name: string;
  run(items: WorkItem[], ctx: StageContext): WorkItem[] | Promise<WorkItem[]>;
}

