import type { ThemeMention } from '../../pipeline/verbatim.js';
import { mentionSentiment } from '../themes/rule-tagger.js';
import type { ClauseSentiment, SentimentAnalysis, ThemeTagger } from '../types.js';
import { probability } from './logistic-regression.js';
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
  readonly #themes: LabelModels;

  constructor(rules: ThemeTagger, themes: LabelModels, trainedAt: string) {
    this.#rules = rules;
    this.#themes = themes;
    this.version = `${rules.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[] {
    const mentions = this.#rules.tag(text, lang, sentiment);
    if (text.trim() === '') return mentions;
    const features = textFeatures(text, lang);
    const found = new Set(mentions.map((mention) => mention.theme));
    const clauses: readonly ClauseSentiment[] =
      sentiment.clauses.length > 0 ? sentiment.clauses : [{ start: 0, end: text.length, text, score: sentiment.score, label: sentiment.label }];
    let clauseFeatures: string[][] | undefined;
    for (const [theme, model] of Object.entries(this.#themes.models)) {
      if (found.has(theme)) continue;
      const p = probability(model, features);
      if (p < this.#themes.threshold) continue;
      clauseFeatures ??= clauses.map((clause) => textFeatures(clause.text, lang));
      let best = 0;
      clauseFeatures.forEach((featuresOfClause, index) => {
        if (probability(model, featuresOfClause) > probability(model, clauseFeatures?.[best] ?? [])) best = index;
      });
      const clause = clauses[best] as ClauseSentiment;
      mentions.push({
        theme,
        sentiment: mentionSentiment(clause, sentiment),
        score: clause.label === 'neutral' && sentiment.label !== 'mixed' ? sentiment.score : clause.score,
        confidence: Math.round(p * 1000) / 1000,
        evidence: clause.text,
      });
    }
    return mentions;
  }
}
