import type { SentimentAnalysis, SentimentModel } from '../types.js';

/** Routes each text to the model that really knows its language; any other language is `supported: false`. */
export class MultilingualSentimentModel implements SentimentModel {
  readonly version: string;
  readonly languages: readonly string[];
  readonly #byLanguage = new Map<string, SentimentModel>();

  constructor(models: readonly SentimentModel[]) {
    for (const model of models) for (const lang of model.languages) if (!this.#byLanguage.has(lang)) this.#byLanguage.set(lang, model);
    this.languages = [...this.#byLanguage.keys()];
    this.version = models.map((model) => model.version).join('+');
  }

  analyze(text: string, lang: string): SentimentAnalysis {
    return this.#byLanguage.get(lang)?.analyze(text, lang) ?? { supported: false, label: 'neutral', score: 0, clauses: [] };
  }
}
