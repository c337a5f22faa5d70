import type { ThemeMention } from '../../core/verbatim.js';
import type { SentimentLabel } from '../../core/vocabulary.js';
import { topLevelId, type Taxonomy, type TaxonomyTheme } from '../themes/taxonomy.js';
import type { ClauseSentiment, SentimentAnalysis, ThemeTagger } from '../types.js';
import type { BatchThemeTagger, ThemeInput } from './batch-models.js';
import type { TextEmbedder } from './load-transformer-models.js';
import { dot, meanDirection } from './vector-math.js';

export interface EmbeddingTaggerOptions {
  /** Cosine similarity from which a clause mentions a theme. Default 0.5 (sentence-embedding models). */
  readonly threshold?: number;
}

interface Prototype {
  /** Top-level id reported in mentions. */
  readonly theme: string;
  readonly vector: Float32Array;
}

/**
 * Theme tagging by meaning: each clause of a verbatim is embedded and compared
 * (cosine) with one prototype per taxonomy theme, the mean direction of the
 * embeddings of the theme's label and of each of its terms and phrases (all
 * languages). A theme is mentioned by its most similar clause when that
 * similarity reaches the threshold; the similarity is the mention's confidence.
 *
 * The rule tagger's mentions are kept as they are (union, rule evidence wins);
 * embeddings add the themes the rules missed. `tag` (one text, synchronous)
 * returns the rule mentions only; the pipeline calls `tagBatch`.
 *
 * @example const tagger = await EmbeddingThemeTagger.create(embedder, taxonomy, new RuleThemeTagger(taxonomy))
 */
export class EmbeddingThemeTagger implements BatchThemeTagger {
  readonly version: string;
  readonly #embedder: TextEmbedder;
  readonly #rules: ThemeTagger;
  readonly #prototypes: readonly Prototype[];
  readonly #threshold: number;

  private constructor(embedder: TextEmbedder, rules: ThemeTagger, prototypes: readonly Prototype[], threshold: number) {
    this.#embedder = embedder;
    this.#rules = rules;
    this.#prototypes = prototypes;
    this.#threshold = threshold;
    this.version = `${embedder.version}+${rules.version}`;
  }

  /** Embeds the theme prototypes once (one embedder call for every label and term). */
  static async create(embedder: TextEmbedder, taxonomy: Taxonomy, rules: ThemeTagger, options: EmbeddingTaggerOptions = {}): Promise<EmbeddingThemeTagger> {
    const threshold = options.threshold ?? 0.5;
    if (!(threshold > -1 && threshold <= 1)) throw new TypeError(`Expected \`threshold\` to be a number in (−1, 1], got \`${threshold}\` (${typeof threshold})`);
    const texts = taxonomy.themes.map(prototypeTexts);
    const vectors = await embedder.embed(texts.flat());
    let next = 0;
    const prototypes = taxonomy.themes.map((theme, index) => {
      const own = vectors.slice(next, next + (texts[index] as string[]).length);
      next += own.length;
      return { theme: topLevelId(taxonomy, theme.id), vector: meanDirection(own) };
    });
    return new EmbeddingThemeTagger(embedder, rules, prototypes, threshold);
  }

  tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[] {
    return this.#rules.tag(text, lang, sentiment);
  }

  async tagBatch(inputs: readonly ThemeInput[], signal: AbortSignal): Promise<ThemeMention[][]> {
    const clausesOf = inputs.map((input) => clauses(input.text, input.sentiment));
    const vectors = await this.#embedder.embed(
      clausesOf.flatMap((list) => list.map((clause) => clause.text)),
      signal,
    );
    let next = 0;
    return inputs.map((input, index) => {
      const list = clausesOf[index] as ClauseSentiment[];
      const own = vectors.slice(next, next + list.length);
      next += list.length;
      const mentions = this.#rules.tag(input.text, input.lang, input.sentiment);
      const ruled = new Set(mentions.map((mention) => mention.theme));
      for (const mention of this.#mentionsByMeaning(list, own, input.sentiment)) if (!ruled.has(mention.theme)) mentions.push(mention);
      return mentions;
    });
  }

  /** The best clause of each theme at or above the threshold, most similar themes first. */
  #mentionsByMeaning(clauseList: readonly ClauseSentiment[], vectors: readonly Float32Array[], overall: SentimentAnalysis): ThemeMention[] {
    const best = new Map<string, { similarity: number; clause: ClauseSentiment }>();
    clauseList.forEach((clause, index) => {
      const vector = vectors[index];
      if (vector === undefined) return;
      for (const prototype of this.#prototypes) {
        const similarity = dot(vector, prototype.vector);
        if (!(similarity >= this.#threshold) || similarity <= (best.get(prototype.theme)?.similarity ?? -Infinity)) continue;
        best.set(prototype.theme, { similarity, clause });
      }
    });
    return [...best.entries()]
      .sort((a, b) => b[1].similarity - a[1].similarity)
      .map(([theme, { similarity, clause }]) => ({
        theme,
        sentiment: mentionSentiment(clause, overall),
        score: clause.label === 'neutral' && overall.label !== 'mixed' ? overall.score : clause.score,
        confidence: Math.round(Math.max(0, Math.min(1, similarity)) * 1000) / 1000,
        evidence: clause.text,
      }));
  }
}

/** The label, then each term and phrase of every language (`tarif*` read as `tarif`), without repeats. */
function prototypeTexts(theme: Readonly<TaxonomyTheme>): string[] {
  const words = [...Object.values(theme.terms), ...Object.values(theme.phrases)].flat().map((term) => term.replace(/\*$/, ''));
  return [...new Set([theme.label, ...words].filter((text) => text.trim() !== ''))];
}

/** The sentiment analysis's clauses, or the whole text as one clause when it has none (unsupported language). */
function clauses(text: string, sentiment: SentimentAnalysis): ClauseSentiment[] {
  if (sentiment.clauses.length > 0) return [...sentiment.clauses];
  return text.trim() === '' ? [] : [{ start: 0, end: text.length, text, score: sentiment.score, label: sentiment.label }];
}

/** As in the rule tagger: a neutral clause in a clearly polar text takes the text's polarity. */
function mentionSentiment(clause: ClauseSentiment, overall: SentimentAnalysis): SentimentLabel {
  if (clause.label !== 'neutral' || overall.label === 'mixed') return clause.label;
  return overall.label;
}
