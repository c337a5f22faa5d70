import type { ThemeMention } from '../../core/verbatim.js';
import { mentionSentiment } from '../themes/rule-tagger.js';
import type { ClauseSentiment, SentimentAnalysis, ThemeTagger } from '../types.js';
import { RecentCache, REMEMBERED_TEXT_LENGTH } from '../recent-cache.js';
import { asScorer, type LabelScorer } from './label-scorer.js';
import type { LabelModels } from './trained-classifiers.js';

/**
 * Rules first, then a trained classifier: the taxonomy's matches are kept as they
 * are (they carry their own evidence), and a theme the rules missed is added when
 * the classifier's probability reaches that theme's threshold, or when it is the
 * likeliest theme and clears the top-1 floor (so a confident text is never left
 * untagged). Its confidence is that probability; its evidence is the clause the
 * classifier finds most typical of the theme, and it takes that clause's sentiment.
 * A classifier trained on an older taxonomy may name themes since merged or removed:
 * `currentTheme` maps each to the theme it is now (a merge target) or to undefined, and
 * an undefined one is never added.
 */
export class ClassifierAssistedThemeTagger implements ThemeTagger {
  readonly version: string;
  readonly #rules: ThemeTagger;
  readonly #themes: LabelScorer;
  /** The theme each classifier label is tagged as, in label order; undefined: not a theme any more. */
  readonly #themeIds: readonly (string | undefined)[];
  /**
   * Recent answers by text, with the language and the sentiment analysis they were made from: the
   * tags are a function of those three, and a repeated text brings the very same analysis object
   * (the combined model remembers its analyses). Mentions are never written; each call gets its own array.
   */
  readonly #recent = new RecentCache<string, { readonly lang: string; readonly sentiment: SentimentAnalysis; readonly mentions: readonly ThemeMention[] }>(RECENT_TEXTS);

  constructor(rules: ThemeTagger, themes: LabelModels | LabelScorer, trainedAt: string, currentTheme: (id: string) => string | undefined = (id) => id) {
    this.#rules = rules;
    this.#themes = asScorer(themes);
    this.#themeIds = this.#themes.labels.map((label) => currentTheme(label));
    this.version = `${rules.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[] {
    if (text.length > REMEMBERED_TEXT_LENGTH) return this.#tag(text, lang, sentiment);
    const known = this.#recent.get(text);
    if (known !== undefined && known.lang === lang && known.sentiment === sentiment) return [...known.mentions];
    const mentions = this.#tag(text, lang, sentiment);
    this.#recent.set(text, { lang, sentiment, mentions: [...mentions] });
    return mentions;
  }

  #tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[] {
    const mentions = this.#rules.tag(text, lang, sentiment);
    if (text.trim() === '') return mentions;
    const found = new Set(mentions.map((mention) => mention.theme));
    const clauses: readonly ClauseSentiment[] =
      sentiment.clauses.length > 0 ? sentiment.clauses : [{ start: 0, end: text.length, text, score: sentiment.score, label: sentiment.label }];
    const probabilities = this.#themes.probabilities(text, lang);
    let clauseProbabilities: Float64Array[] | undefined;
    for (const themeIndex of this.#themes.decide(probabilities)) {
      const theme = this.#themeIds[themeIndex];
      const p = probabilities[themeIndex] ?? 0;
      if (theme === undefined || found.has(theme)) continue;
      found.add(theme); // two labels merged into one theme add it once
      clauseProbabilities ??= clauses.map((clause) => this.#themes.probabilities(clause.text, lang));
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
    }
    return mentions;
  }
}

/** Texts whose tags are remembered (two generations of this many). */
const RECENT_TEXTS = 4096;
