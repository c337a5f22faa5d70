import { splitClauses, type ClauseMarkers } from '../sentiment/clauses.js';
import { LexiconSentimentModel } from '../sentiment/lexicon-sentiment.js';
import { CONCESSIVE, CONTRAST } from '../sentiment/lexicons.js';
import { stemmerFor } from '../stemming.js';
import type { SentimentAnalysis } from '../types.js';

/**
 * General-purpose polarity lexicons, values scaled to −1..1: AFINN-165 and VADER
 * (English words) and the nlp.js French lexicon (keys are French stems). They ship
 * inside the model file, so scoring needs none of the packages they came from.
 */
export interface Lexicons {
  readonly afinn: Readonly<Record<string, number>>;
  readonly vader: Readonly<Record<string, number>>;
  readonly frenchStems: Readonly<Record<string, number>>;
}

/** One lexicon's say on a word: which lexicon, and the value (−1..1). */
export interface LexiconHit {
  readonly lexicon: 'afinn' | 'vader' | 'fr';
  readonly value: number;
}

/** The rule model's clause markers (`LexiconSentimentModel` splits with the same). */
const MARKERS: Readonly<Record<'fr' | 'en', ClauseMarkers>> = {
  fr: { contrast: CONTRAST.fr, concessive: CONCESSIVE.fr },
  en: { contrast: CONTRAST.en, concessive: CONCESSIVE.en },
};
/** An ironic clause's flipped score is at most minus this (`combine-clauses.ts`: praise of at least 0.2 turned negative). */
const IRONY_FLIPPED = 0.2;
/** Every mark of irony `combine-clauses.ts` looks for, and more (an ellipsis anywhere). */
const MAYBE_IRONY = /\.\.\.|…|🙃|🙄/u;

/** Word lookups over the lexicons, compiled once per model. */
export class CompiledLexicons {
  readonly #afinn: ReadonlyMap<string, number>;
  readonly #vader: ReadonlyMap<string, number>;
  readonly #french: ReadonlyMap<string, number>;
  readonly #stem = stemmerFor('fr');
  readonly #rules = new LexiconSentimentModel();
  /** The rule model's last analysis of a text: the learned model scores that text's clauses next. */
  #lastAnalysis: SentimentAnalysis | undefined;

  constructor(lexicons: Lexicons) {
    this.#afinn = new Map(Object.entries(lexicons.afinn));
    this.#vader = new Map(Object.entries(lexicons.vader));
    this.#french = new Map(Object.entries(lexicons.frenchStems));
  }

  /** The FR/EN rule model's score of a text (−1..1; 0 in other languages). */
  ruleScore(text: string, lang: string): number {
    const known = this.#clauseOfLastAnalysis(text, lang);
    if (known !== undefined) return known;
    const analysis = this.#rules.analyze(text, lang);
    if (!analysis.supported) return 0;
    this.#lastAnalysis = analysis;
    return analysis.score;
  }

  /**
   * The rule score of a clause of the text analysed last, without scoring it again: the
   * rule model scores a text that is one clause as that clause (`analyzeByClauses`: one
   * span, its weighted mean is its own score to the rounding). It holds when the clause,
   * split again, is one span of all of it, and its score in the whole text was not flipped
   * as irony (which needs "..." / "…" / 🙃 / 🙄 and leaves a score of −0.2 or less).
   * Anything else is scored again; the equivalence is tested clause by clause (tests/models/learned).
   */
  #clauseOfLastAnalysis(text: string, lang: string): number | undefined {
    if (lang !== 'fr' && lang !== 'en') return undefined;
    const clauses = this.#lastAnalysis?.clauses;
    if (clauses === undefined || clauses.length < 2) return undefined;
    const clause = clauses.find((candidate) => candidate.text === text);
    if (clause === undefined) return undefined;
    if (clause.score <= -IRONY_FLIPPED && MAYBE_IRONY.test(text)) return undefined;
    const spans = splitClauses(text, MARKERS[lang]);
    if (spans.length !== 1 || spans[0]?.start !== 0 || spans[0].end !== text.length) return undefined;
    return clause.score === 0 ? 0 : clause.score;
  }

  /** The lexicon values of a folded word; English lexicons for `en`, the French one for `fr`, both for anything else. */
  lookup(word: string, lang: string): LexiconHit[] {
    const hits: LexiconHit[] = [];
    if (lang !== 'fr') {
      const afinn = this.#afinn.get(word);
      if (afinn !== undefined) hits.push({ lexicon: 'afinn', value: afinn });
      const vader = this.#vader.get(word);
      if (vader !== undefined) hits.push({ lexicon: 'vader', value: vader });
    }
    if (lang !== 'en' && word.length > 2) {
      const french = this.#french.get(this.#stem(word));
      if (french !== undefined && french !== 0) hits.push({ lexicon: 'fr', value: french });
    }
    return hits;
  }
}
