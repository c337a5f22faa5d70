import type { ThemeMention } from '../core/verbatim.js';
import type { JourneyStep, SentimentLabel } from '../core/vocabulary.js';

/** Language of a text: ISO 639-1 code or `und`, with a 0..1 confidence. */
export interface LanguageGuess {
  readonly lang: string;
  readonly confidence: number;
  /** With `und`: the supported languages the text reads equally well in, likeliest first ("Terrible service": fr, en). */
  readonly candidates?: readonly string[];
}

export interface LanguageDetector {
  readonly version: string;
  detect(text: string): LanguageGuess;
}

/** One clause of a text with its own sentiment; offsets index the analysed text. */
export interface ClauseSentiment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** −1..1 */
  readonly score: number;
  readonly label: SentimentLabel;
}

export interface SentimentAnalysis {
  /** False when the language has no model: label is `neutral`, score 0, and must not be reported. */
  readonly supported: boolean;
  readonly label: SentimentLabel;
  /** −1..1 */
  readonly score: number;
  readonly clauses: readonly ClauseSentiment[];
}

export interface SentimentModel {
  readonly version: string;
  /** Languages this model really scores; anything else yields `supported: false`. */
  readonly languages: readonly string[];
  analyze(text: string, lang: string): SentimentAnalysis;
}

/** Themes of a text; each mention takes the sentiment of the clause that carries it. */
export interface ThemeTagger {
  readonly version: string;
  tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[];
}

export interface JourneyInput {
  readonly text: string;
  readonly lang: string;
  readonly themes: readonly ThemeMention[];
  /** The survey's own journey field: wins when it is a valid step. */
  readonly hint: string | null;
  readonly source: string;
}

export interface JourneyLinker {
  readonly version: string;
  link(input: JourneyInput): JourneyStep | null;
}

/** The four models a pipeline needs. */
export interface ModelSet {
  readonly language: LanguageDetector;
  readonly sentiment: SentimentModel;
  readonly themes: ThemeTagger;
  readonly journey: JourneyLinker;
}
