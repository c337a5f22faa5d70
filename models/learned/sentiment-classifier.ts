import { scoreFeaturesByClause, type TextSpan } from './clause-features.js';
import { lendFeatures, type SparseVector } from './features.js';
import { CompiledLexicons } from './lexicon-features.js';
import type { LearnedSentimentFile } from './model-file.js';
import { scoreInto } from './softmax-regression.js';

/** Calibrated probabilities of negative, neutral and positive for a text. */
export interface PolarityProbabilities {
  readonly negative: number;
  readonly neutral: number;
  readonly positive: number;
}

/** A loaded model ready to score texts: the lexicons compiled once, features as in training. */
export class SentimentClassifier {
  readonly #file: LearnedSentimentFile;
  readonly #lexicons: CompiledLexicons;
  readonly #order: readonly [number, number, number];
  /** Scratch for the scores: each is read into a new object before the next. */
  readonly #scores: Float64Array;

  constructor(file: LearnedSentimentFile) {
    this.#file = file;
    this.#lexicons = new CompiledLexicons(file.lexicons);
    const at = (label: string): number => {
      const index = file.labels.indexOf(label);
      if (index === -1) throw new RangeError(`Expected the model's labels to include \`${label}\`, got ${file.labels.join(', ')}`);
      return index;
    };
    this.#order = [at('negative'), at('neutral'), at('positive')];
    this.#scores = new Float64Array(file.labels.length);
  }

  /** Probabilities summing to 1, calibrated by the model's temperature. */
  probabilities(text: string, lang: string): PolarityProbabilities {
    return this.#score(lendFeatures(text, lang, this.#file.features, this.#lexicons));
  }

  /**
   * `[whole text, clause 1, clause 2, …]`: the same numbers as `probabilities` of each piece, with
   * the text tokenized once for all of them (`clause-features.ts`).
   */
  probabilitiesByClause(text: string, lang: string, spans: readonly TextSpan[]): PolarityProbabilities[] {
    return scoreFeaturesByClause(text, lang, spans, this.#file.features, this.#lexicons, (features) => this.#score(features));
  }

  #score(features: SparseVector): PolarityProbabilities {
    const p = scoreInto(this.#file.model, features, this.#scores, this.#file.temperature);
    const [negative, neutral, positive] = this.#order;
    return { negative: p[negative] as number, neutral: p[neutral] as number, positive: p[positive] as number };
  }
}
