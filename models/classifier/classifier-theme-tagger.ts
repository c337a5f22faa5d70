import type { ThemeMention } from '../../core/verbatim.js';
import { mentionSentiment } from '../themes/rule-tagger.js';
import type { ClauseSentiment, SentimentAnalysis, ThemeTagger } from '../types.js';
import { CompiledModels } from './logistic-regression.js';
import { textFeatures } from './text-features.js';
import type { LabelModels } from './trained-classifiers.js';

/**
 * Rules first, then a trained classifier: the taxonomy's matches are kept as they
 * are (they carry their own evidence), and a theme the rules missed is added when
 * the classifier's probability reaches the threshold. Its evidence is the clause
 * the classifier finds most typical of the theme, and it takes that clause's sentiment.
 */
export class ClassifierAssistedThemeTagger implements ThemeTagger {
  readonly version: string;
  readonly #rules: ThemeTagger;
  readonly #themes: CompiledModels;
  readonly #threshold: number;

  constructor(rules: ThemeTagger, themes: LabelModels, trainedAt: string) {
    this.#rules = rules;
    this.#themes = new CompiledModels(themes.models);
    this.#threshold = themes.threshold;
    this.version = `${rules.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[] {
    const mentions = this.#rules.tag(text, lang, sentiment);
    if (text.trim() === '') return mentions;
    const features = textFeatures(text, lang);
    const found = new Set(mentions.map((mention) => mention.theme));
    const clauses: readonly ClauseSentiment[] =
      sentiment.clauses.length > 0 ? sentiment.clauses : [{ start: 0, end: text.length, text, score: sentiment.score, label: sentiment.label }];
    const probabilities = this.#themes.probabilities(features);
    let clauseProbabilities: Float64Array[] | undefined;
    this.#themes.labels.forEach((theme, themeIndex) => {
      const p = probabilities[themeIndex] ?? 0;
      if (found.has(theme) || p < this.#threshold) return;
      clauseProbabilities ??= clauses.map((clause) => this.#themes.probabilities(textFeatures(clause.text, lang)));
      let best = 0;
      clauseProbabilities.forEach((ofClause, index) => {
        if ((ofClause[themeIndex] ?? 0) > (clauseProbabilities?.[best]?.[themeIndex] ?? 0)) best = index;
      });
      const clause = clauses[best] as ClauseSentiment;
      mentions.push({
        theme,
        sentiment: mentionSentiment(clause, sentiment),
        score: clause.label === 'neutral' && sentiment.label !== 'mixed' ? sentiment.score : clause.score,
        confidence: Math.round(p * 1000) / 1000,
        evidence: clause.text,
      });
    });
    return mentions;
  }
}
