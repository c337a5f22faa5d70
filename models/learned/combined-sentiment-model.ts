import type { SentimentLabel } from '../../core/vocabulary.js';
import { RecentCache, REMEMBERED_TEXT_LENGTH } from '../recent-cache.js';
import type { SentimentAnalysis, SentimentModel } from '../types.js';
import { baseAnswers, type BaseModels } from './base-answers.js';
import type { CombinedSentimentFile } from './combined-file.js';
import { stackingFeatures } from './stacking-features.js';

/** Class probabilities of the combined model for a stacking feature vector, in the file's label order. */
export function combinedProbabilities(model: CombinedSentimentFile, features: Float64Array): Float64Array {
  const out = Float64Array.from(model.bias);
  features.forEach((value, feature) => {
    const row = model.weights[feature];
    if (row === undefined || value === 0) return;
    for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) + (row[c] ?? 0) * value;
  });
  const max = Math.max(...out);
  let sum = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.exp((out[c] as number) - max);
    sum += out[c] as number;
  }
  return out.map((value) => value / sum);
}

/**
 * The combined fast-tier sentiment (French, English): a small logistic regression, learned
 * by stacking, weighs what the learned model, the lexicon-and-rules model and the labelled-CX
 * classifier say of a text (models/README.md, "Combined sentiment model"). Label: the likeliest
 * of the four; score: P(positive) − P(negative). Clauses are the rules' (each theme keeps its own
 * clause's sentiment); a text of one clause gives its clause the overall answer.
 */
export class CombinedSentimentModel implements SentimentModel {
  readonly version: string;
  readonly languages: readonly string[] = ['fr', 'en'];
  readonly #models: BaseModels;
  readonly #meta: CombinedSentimentFile;
  /**
   * Recent analyses by text, one memo per language: the answer is a function of (text, language)
   * alone, and survey answers repeat ("RAS", "Très bien", a template's sentence). The analyses are
   * never written (readonly all the way), so handing one out twice is safe.
   */
  readonly #recent = { fr: new RecentCache<string, SentimentAnalysis>(RECENT_TEXTS), en: new RecentCache<string, SentimentAnalysis>(RECENT_TEXTS) };

  constructor(models: BaseModels, meta: CombinedSentimentFile, version: string) {
    this.#models = models;
    this.#meta = meta;
    this.version = version;
  }

  analyze(text: string, lang: string): SentimentAnalysis {
    if (lang !== 'fr' && lang !== 'en') return { supported: false, label: 'neutral', score: 0, clauses: [] };
    if (text.trim() === '') return { supported: true, label: 'neutral', score: 0, clauses: [] };
    if (text.length > REMEMBERED_TEXT_LENGTH) return this.#analyze(text, lang);
    const recent = this.#recent[lang];
    return recent.get(text) ?? recent.set(text, this.#analyze(text, lang));
  }

  #analyze(text: string, lang: 'fr' | 'en'): SentimentAnalysis {
    const answers = baseAnswers(text, lang, this.#models);
    const p = combinedProbabilities(this.#meta, stackingFeatures(answers));
    let best = 0;
    for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
    const label = this.#meta.labels[best] as SentimentLabel;
    const score = Math.round((probabilityOf(this.#meta, p, 'positive') - probabilityOf(this.#meta, p, 'negative')) * 1000) / 1000;
    const clauses = answers.rules.clauses.length === 1 ? answers.rules.clauses.map((clause) => ({ ...clause, label, score })) : answers.rules.clauses;
    return { supported: true, label, score, clauses };
  }
}

/** Texts remembered per language (two generations of this many): the working set of a survey's repeated answers. */
const RECENT_TEXTS = 4096;

function probabilityOf(model: CombinedSentimentFile, p: Float64Array, label: SentimentLabel): number {
  return p[model.labels.indexOf(label)] ?? 0;
}
