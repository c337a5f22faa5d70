import type { SentimentLabel } from '../../core/vocabulary.js';
import type { SentimentAnalysis, SentimentModel } from '../types.js';
import type { BatchSentimentModel, SentimentInput } from './batch-models.js';
import type { SentimentClassifier } from './load-transformer-models.js';

/** Probability mass on each side from which a text whose clauses disagree is `mixed`. */
const MIXED_MASS = 0.25;

export interface TransformerSentimentOptions {
  /**
   * Languages the classifier may score; texts in others keep the clause model's
   * analysis (a lexicon, or `supported: false`). `['*']`: every identified language.
   * Default: the classifier's own `languages` (its folder's verbatim.json, else fr
   * and en). `und` texts are never sent to the classifier.
   */
  readonly languages?: readonly string[];
}

/**
 * Overall sentiment from a transformer classifier, clauses from the fast tier.
 *
 * The classifier reads the whole text: its label probabilities give the overall
 * label (the mapped label with the most mass) and score (expected valence,
 * −1..1). The clause model still splits the text and scores each clause, so each
 * theme keeps the sentiment of its own clause. A text is `mixed` when the
 * classifier says so, or when its clauses disagree (the clause model's `mixed`)
 * and the classifier puts at least 25 % of its mass on each side.
 *
 * `analyze` (one text, synchronous) cannot run the classifier: it returns the
 * clause model's analysis; the pipeline calls `analyzeBatch`.
 */
export class TransformerSentimentModel implements BatchSentimentModel {
  readonly version: string;
  readonly languages: readonly string[];
  readonly #classifier: SentimentClassifier;
  readonly #clauses: SentimentModel;
  readonly #only: ReadonlySet<string> | undefined;

  constructor(classifier: SentimentClassifier, clauses: SentimentModel, options: TransformerSentimentOptions = {}) {
    this.#classifier = classifier;
    this.#clauses = clauses;
    const only = options.languages ?? classifier.languages;
    this.#only = only.includes('*') ? undefined : new Set(only);
    this.languages = this.#only === undefined ? ['*'] : [...new Set([...clauses.languages, ...this.#only])];
    this.version = `${classifier.version}+${clauses.version}`;
  }

  analyze(text: string, lang: string): SentimentAnalysis {
    return this.#clauses.analyze(text, lang);
  }

  async analyzeBatch(inputs: readonly SentimentInput[], signal: AbortSignal): Promise<SentimentAnalysis[]> {
    const analyses = inputs.map((input) => this.#clauses.analyze(input.text, input.lang));
    const scored = inputs.flatMap((input, index) => (this.#reads(input) ? [index] : []));
    const probabilities = await this.#classifier.classify(
      scored.map((index) => (inputs[index] as SentimentInput).text),
      signal,
    );
    scored.forEach((index, row) => {
      analyses[index] = this.#combine(analyses[index] as SentimentAnalysis, probabilities[row] ?? []);
    });
    return analyses;
  }

  #reads(input: SentimentInput): boolean {
    if (input.lang === 'und' || !/[\p{L}\p{Extended_Pictographic}]/u.test(input.text)) return false;
    return this.#only === undefined || this.#only.has(input.lang);
  }

  #combine(clauses: SentimentAnalysis, probabilities: readonly number[]): SentimentAnalysis {
    const mass: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0, mixed: 0 };
    let score = 0;
    this.#classifier.labels.forEach((meaning, id) => {
      const p = probabilities[id] ?? 0;
      mass[meaning.label] += p;
      score += p * meaning.valence;
    });
    let label = (Object.keys(mass) as SentimentLabel[]).reduce((best, next) => (mass[next] > mass[best] ? next : best));
    if (clauses.label === 'mixed' && mass.negative >= MIXED_MASS && mass.positive >= MIXED_MASS) label = 'mixed';
    return { supported: true, label, score: Math.round(Math.max(-1, Math.min(1, score)) * 1000) / 1000, clauses: clauses.clauses };
  }
}
