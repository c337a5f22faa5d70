import { LexiconSentimentModel } from '../sentiment/lexicon-sentiment.js';
import { stemmerFor } from '../stemming.js';

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

/** Word lookups over the lexicons, compiled once per model. */
export class CompiledLexicons {
  readonly #afinn: ReadonlyMap<string, number>;
  readonly #vader: ReadonlyMap<string, number>;
  readonly #french: ReadonlyMap<string, number>;
  readonly #stem = stemmerFor('fr');
  readonly #rules = new LexiconSentimentModel();

  constructor(lexicons: Lexicons) {
    this.#afinn = new Map(Object.entries(lexicons.afinn));
    this.#vader = new Map(Object.entries(lexicons.vader));
    this.#french = new Map(Object.entries(lexicons.frenchStems));
  }

  /** The FR/EN rule model's score of a text (−1..1; 0 in other languages). */
  ruleScore(text: string, lang: string): number {
    const analysis = this.#rules.analyze(text, lang);
    return analysis.supported ? analysis.score : 0;
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
