import { createRequire } from 'node:module';
import type { SentimentAnalysis, SentimentModel } from '../types.js';
import type { ClauseMarkers } from './clauses.js';
import { analyzeByClauses, normalizeSum } from './combine-clauses.js';
import { CX_WORDS } from './cx-words-other-languages.js';
import { fold } from '../../core/text-folding.js';
import { WordLexicon } from './word-lexicon.js';

/** Languages scored with nlp.js's published, stemmed lexicons (SentiCon, Pattern, AFINN; MIT). */
export const STEMMED_LEXICON_LANGUAGES = ['es', 'de', 'it', 'nl', 'pt'] as const;
type StemmedLanguage = (typeof STEMMED_LEXICON_LANGUAGES)[number];

interface NlpjsSentimentData {
  readonly afinn?: Readonly<Record<string, number>>;
  readonly pattern?: Readonly<Record<string, number>>;
  readonly senticon?: Readonly<Record<string, number>>;
  readonly negations: { readonly words: readonly string[] };
}

interface NlpjsStemmer {
  tokenizeAndStem(text: string, keepStops?: boolean): string[];
}

/** Contrast markers weigh what follows; concessive ones ("aunque", "obwohl") weigh their own clause less. */
const MARKERS: Readonly<Record<StemmedLanguage, ClauseMarkers>> = {
  es: { contrast: new Set(['pero', 'sin embargo']), concessive: new Set(['aunque', 'a pesar de']) },
  de: { contrast: new Set(['aber', 'jedoch', 'trotzdem', 'allerdings']), concessive: new Set(['obwohl', 'trotz']) },
  it: { contrast: new Set(['ma', 'pero', 'tuttavia']), concessive: new Set(['anche se', 'nonostante', 'sebbene']) },
  nl: { contrast: new Set(['maar', 'echter']), concessive: new Set(['hoewel', 'ondanks']) },
  pt: { contrast: new Set(['mas', 'porem', 'contudo']), concessive: new Set(['embora', 'apesar de']) },
};

/** Negations the nlp.js lists lack (Italian's is empty), folded. */
const EXTRA_NEGATIONS: Readonly<Record<StemmedLanguage, readonly string[]>> = {
  es: ['no', 'nunca', 'jamas', 'nadie', 'ni', 'sin', 'tampoco'],
  de: ['nicht', 'nie', 'niemals', 'kein', 'keine', 'keinen', 'ohne'],
  it: ['non', 'mai', 'nessuno', 'nessuna', 'niente', 'senza', 'ne'],
  nl: ['niet', 'nooit', 'geen', 'zonder'],
  pt: ['nao', 'nunca', 'nem', 'sem', 'ninguem', 'jamais'],
};

/** Languages that put the negation after the verb ("funktioniert nicht", "werkt niet"). */
const NEGATION_AFTER_VERB: ReadonlySet<StemmedLanguage> = new Set(['de', 'nl']);

const CLASS_NAMES: Readonly<Record<StemmedLanguage, string>> = { es: 'Es', de: 'De', it: 'It', nl: 'Nl', pt: 'Pt' };

interface LoadedLanguage {
  readonly stemmer: NlpjsStemmer;
  /** Our customer-service words, looked up on folded words before the stems. */
  readonly cxWords: WordLexicon;
  readonly lexicon: ReadonlyMap<string, number>;
  readonly negations: ReadonlySet<string>;
  readonly negationAfterVerb: boolean;
}

/**
 * Sentiment for Spanish, German, Italian, Dutch and Portuguese from the lexicons
 * that `@nlpjs/lang-*` ship, on their own stemmers, with negation and contrast.
 * Each language's data is loaded the first time a text in it arrives.
 */
export class StemmedLexiconSentimentModel implements SentimentModel {
  readonly version = 'sentiment-nlpjs-lexicons-0.1';
  readonly languages: readonly string[] = STEMMED_LEXICON_LANGUAGES;
  readonly #loaded = new Map<StemmedLanguage, LoadedLanguage>();
  readonly #require = createRequire(import.meta.url);

  analyze(text: string, lang: string): SentimentAnalysis {
    if (!(STEMMED_LEXICON_LANGUAGES as readonly string[]).includes(lang)) return { supported: false, label: 'neutral', score: 0, clauses: [] };
    const language = lang as StemmedLanguage;
    const tables = this.#load(language);
    return analyzeByClauses(text, MARKERS[language], (clause) => scoreClause(clause, tables));
  }

  #load(lang: StemmedLanguage): LoadedLanguage {
    let loaded = this.#loaded.get(lang);
    if (loaded === undefined) {
      const module = this.#require(`@nlpjs/lang-${lang}`) as Record<string, unknown>;
      const Stemmer = module[`Stemmer${CLASS_NAMES[lang]}`] as new () => NlpjsStemmer;
      const data = module[`Sentiment${CLASS_NAMES[lang]}`] as NlpjsSentimentData;
      // SentiCon and Pattern score −1..1, AFINN −5..5: bring both to the −3..3 scale of our own lexicons.
      const source = data.senticon ?? data.pattern;
      const entries = source !== undefined ? Object.entries(source).map(([stem, value]) => [stem, value * 3] as const) : Object.entries(data.afinn ?? {}).map(([stem, value]) => [stem, value * 0.6] as const);
      loaded = { stemmer: new Stemmer(), cxWords: new WordLexicon(CX_WORDS[lang]), lexicon: new Map(entries), negations: new Set([...data.negations.words, ...EXTRA_NEGATIONS[lang]]), negationAfterVerb: NEGATION_AFTER_VERB.has(lang) };
      this.#loaded.set(lang, loaded);
    }
    return loaded;
  }
}

/** nlp.js's stemmers are not linear in a word's length: longer runs of word characters are cut to this. */
const MAX_WORD_RUN = 100;
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/** The clause with every run of word characters cut to MAX_WORD_RUN: no word that long is in a lexicon. */
function withShortWords(clause: string): string {
  if (clause.length <= MAX_WORD_RUN) return clause;
  return clause.replace(WORD_RUN, (run) => (run.length > MAX_WORD_RUN ? run.slice(0, MAX_WORD_RUN) : run));
}

function scoreClause(raw: string, tables: LoadedLanguage): number {
  const clause = withShortWords(raw);
  const words = fold(clause).split(/[^\p{L}]+/u).filter((word) => word !== '');
  const stems = tables.stemmer.tokenizeAndStem(clause, true);
  // Our word list needs the words aligned with the stems (the stemmer may split differently).
  const aligned = words.length === stems.length;
  let sum = 0;
  for (let i = 0; i < stems.length; i++) {
    // Negation words carry a score in some of these lexicons; they only flip what follows.
    if (tables.negations.has(stems[i] as string) || tables.negations.has(words[i] ?? '')) continue;
    let value = (aligned ? tables.cxWords.get(words[i] ?? '') : undefined) ?? tables.lexicon.get(stems[i] as string);
    if (value === undefined || value === 0) continue;
    const negatedAfter = tables.negationAfterVerb && (tables.negations.has(words[i + 1] ?? '') || tables.negations.has(stems[i + 1] ?? ''));
    let negated = negatedAfter;
    for (let back = 1; !negated && back <= 3 && i - back >= 0; back++) {
      negated = tables.negations.has(words[i - back] ?? '') || tables.negations.has(stems[i - back] as string);
    }
    if (negated) value *= -0.8;
    sum += value;
  }
  if (clause.includes('!')) sum *= 1.2;
  return normalizeSum(sum);
}

