import type { SentimentLabel } from '../../core/vocabulary.js';
import type { SentimentAnalysis, SentimentModel } from '../types.js';
import { asScorer, type LabelScorer } from './label-scorer.js';
import type { LabelModels } from './trained-classifiers.js';

/** The score a label implies at least, when the classifier changes the lexicon's label. */
const LABEL_SCORE: Readonly<Record<SentimentLabel, number>> = { positive: 0.3, negative: -0.3, neutral: 0, mixed: 0 };

/**
 * Lexicon first, trained classifier second: when the classifier is sure of a
 * label (probability ≥ its threshold) that differs from the lexicon's, its label
 * wins and the score moves to agree with it. Clauses stay the lexicon's, so each
 * theme keeps the sentiment of its own clause. Unsupported languages stay unsupported.
 */
export class ClassifierAssistedSentimentModel implements SentimentModel {
  readonly version: string;
  readonly languages: readonly string[];
  readonly #lexicon: SentimentModel;
  readonly #models: LabelScorer;

  constructor(lexicon: SentimentModel, labels: LabelModels | LabelScorer, trainedAt: string) {
    this.#lexicon = lexicon;
    this.#models = asScorer(labels);
    this.languages = lexicon.languages;
    this.version = `${lexicon.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  analyze(text: string, lang: string): SentimentAnalysis {
    const analysis = this.#lexicon.analyze(text, lang);
    if (!analysis.supported || text.trim() === '') return analysis;
    const probabilities = this.#models.probabilities(text, lang);
    let best: { label: SentimentLabel; p: number; threshold: number } | undefined;
    this.#models.labels.forEach((label, index) => {
      const p = probabilities[index] ?? 0;
      if (best === undefined || p > best.p) best = { label: label as SentimentLabel, p, threshold: this.#models.threshold(index) };
    });
    if (best === undefined || best.p < best.threshold || best.label === analysis.label) return analysis;
    return { ...analysis, label: best.label, score: agreeingScore(best.label, analysis.score) };
  }
}

function agreeingScore(label: SentimentLabel, score: number): number {
  if (label === 'positive') return Math.max(score, LABEL_SCORE.positive);
  if (label === 'negative') return Math.min(score, LABEL_SCORE.negative);
  if (label === 'neutral') return Math.max(-0.15, Math.min(0.15, score));
  return score;
}
