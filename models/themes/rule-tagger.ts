import type { ThemeMention } from '../../core/verbatim.js';
import type { SentimentLabel } from '../../core/vocabulary.js';
import { WordLexicon } from '../sentiment/word-lexicon.js';
import { MAX_STEMMED_LENGTH, stemmerFor } from '../stemming.js';
import { englishRootForms } from './english-lemmas.js';
import { fold } from '../../core/text-folding.js';
import { tokenize } from '../tokenize.js';
import { compilePhrase, PhraseIndex, phraseView, type CompiledPhrase } from './phrases.js';
import type { ClauseSentiment, SentimentAnalysis, ThemeTagger } from '../types.js';
import { topLevelId, type Taxonomy } from './taxonomy.js';
import { clausesEndAtNonWords, readsOnlyItsMatch } from './whole-text-patterns.js';
import { nonUnicodeTwin, readsAlikeWithoutUnicode } from './non-unicode-twin.js';
import { anyOfPatterns } from '../any-of-patterns.js';

interface CompiledLanguage {
  /** folded word → index into `themeIds`, via WordLexicon (prefix `*` entries). */
  readonly words: WordLexicon;
  /** stem → theme index, for the taxonomy's `stems` entries; `stem` is the language's stemmer. */
  readonly stems: ReadonlyMap<string, number>;
  readonly stem: (word: string) => string;
  /** Phrases in taxonomy order (their order decides the order of themes in the output), indexed by first word. */
  readonly phrases: PhraseIndex;
  readonly excludes: PhraseIndex;
  /** English only: a word no term or stem matched is tried again by its compromise root forms. */
  readonly lemmas: boolean;
  /** A compiled vocabulary: each folded word's theme (−1: none) once worked out, with root forms and without. */
  readonly themeOfWord: { readonly withRoots: Map<string, number>; readonly withoutRoots: Map<string, number> };
}

/** Both apostrophes (one shared expression: a literal is a new object each call). */
const APOSTROPHES = /['’]/g;

/** Distinct words remembered per language and reading: the vocabulary is Zipfian, typos and ids are the long tail. */
const WORD_MEMORY = 200_000;

/**
 * Taxonomy rules: terms (with `*` inflection prefixes), phrases, regex patterns
 * and exclusions, matched clause by clause on accent-folded text. In English
 * texts a word no term matched is tried by its root form ("charged" finds the
 * term `charge`, "policies" the term `policy`). Each mention
 * carries the sentiment of its clause and that clause as evidence; sub-themes
 * report their top-level id.
 */
export class RuleThemeTagger implements ThemeTagger {
  readonly version: string;
  readonly #themeIds: readonly string[];
  readonly #confidence: readonly number[];
  /** `twin`: the pattern without `u`, several times faster, used on texts where it provably answers the same. */
  readonly #patterns: readonly { readonly pattern: RegExp; readonly twin: RegExp; readonly theme: number; readonly readsOnlyItsMatch: boolean }[];
  /** All the twins as one expression: a text or clause it does not match is read once, not once a pattern. */
  readonly #anyTwin: RegExp | undefined;
  readonly #languages = new Map<string, CompiledLanguage>();

  constructor(taxonomy: Taxonomy, version = 'themes-rules-0.1') {
    this.version = version;
    this.#themeIds = taxonomy.themes.map((theme) => topLevelId(taxonomy, theme.id));
    this.#confidence = taxonomy.themes.map((theme) => theme.confidence);
    this.#patterns = taxonomy.themes.flatMap((theme, index) =>
      theme.patterns.map((source) => {
        const pattern = new RegExp(source, 'iu');
        return { pattern, twin: nonUnicodeTwin(pattern) ?? pattern, theme: index, readsOnlyItsMatch: readsOnlyItsMatch(pattern) };
      }),
    );
    this.#anyTwin = anyOfPatterns(this.#patterns.map(({ twin }) => twin));
    const languages = new Set(taxonomy.themes.flatMap((theme) => [...Object.keys(theme.terms), ...Object.keys(theme.phrases), ...Object.keys(theme.stems)]));
    for (const lang of languages) {
      const words: Record<string, number> = {};
      const phrases: CompiledPhrase[] = [];
      const excludes: CompiledPhrase[] = [];
      const stem = stemmerFor(lang);
      const stems = new Map<string, number>();
      taxonomy.themes.forEach((theme, index) => {
        for (const word of theme.stems[lang] ?? []) {
          const key = stem(fold(word));
          if (!stems.has(key)) stems.set(key, index);
        }
        for (const term of [...(theme.terms[lang] ?? []), ...(theme.phrases[lang] ?? [])]) {
          const folded = fold(term).replace(/['’]/g, ' ');
          if (/\s/.test(folded)) phrases.push(compilePhrase(folded, index));
          else if (!(folded in words)) words[folded] = index;
        }
        for (const term of theme.exclude[lang] ?? []) excludes.push(compilePhrase(fold(term), index));
      });
      this.#languages.set(lang, { words: new WordLexicon(words), stems, stem, phrases: new PhraseIndex(phrases), excludes: new PhraseIndex(excludes), lemmas: lang === 'en', themeOfWord: { withRoots: new Map(), withoutRoots: new Map() } });
    }
  }

  tag(text: string, lang: string, sentiment: SentimentAnalysis): ThemeMention[] {
    // Texts in a language the taxonomy has no words for still get the English terms: product words travel.
    const own = this.#languages.get(lang);
    const compiled = own ?? this.#languages.get('en');
    if (compiled === undefined || text.trim() === '') return [];
    // English inflections only for English texts: "charges" in a Spanish text is not a verb.
    const lemmas = own !== undefined && compiled.lemmas;
    const clauses: readonly ClauseSentiment[] =
      sentiment.clauses.length > 0 ? sentiment.clauses : [{ start: 0, end: text.length, text, score: sentiment.score, label: sentiment.label }];
    const found = new Map<string, ThemeMention>();
    const absent = this.#patternsAbsent(text, clauses);
    for (const clause of clauses) {
      for (const theme of this.#themesOfClause(clause.text, compiled, lemmas, absent)) {
        const id = this.#themeIds[theme] as string;
        if (found.has(id)) continue;
        found.set(id, {
          theme: id,
          sentiment: mentionSentiment(clause, sentiment),
          score: clause.label === 'neutral' && sentiment.label !== 'mixed' ? sentiment.score : clause.score,
          confidence: this.#confidence[theme] as number,
          evidence: clause.text,
        });
      }
    }
    return [...found.values()];
  }

  /**
   * The patterns that cannot match any clause, found by one test on the whole text instead of one a clause
   * (undefined: test each clause). Patterns are tested on the clause as written; most find nothing.
   */
  #patternsAbsent(text: string, clauses: readonly ClauseSentiment[]): boolean[] | undefined {
    if (clauses.length < 2 || !clausesEndAtNonWords(text, clauses)) return undefined;
    const alike = readsAlikeWithoutUnicode(text);
    const none = alike && this.#anyTwin !== undefined && !this.#anyTwin.test(text);
    return this.#patterns.map(({ pattern, twin, readsOnlyItsMatch }) => readsOnlyItsMatch && (none || !(alike ? twin : pattern).test(text)));
  }

  #themesOfClause(clause: string, compiled: CompiledLanguage, lemmas: boolean, absent: readonly boolean[] | undefined): Set<number> {
    const folded = ` ${fold(clause).replace(APOSTROPHES, ' ')} `;
    const themes = new Set<number>();
    const tokens = tokenize(folded);
    const memory = lemmas ? compiled.themeOfWord.withRoots : compiled.themeOfWord.withoutRoots;
    for (const token of tokens) {
      if (token.folded.length < 2) continue;
      let theme = memory.get(token.folded);
      if (theme === undefined) {
        theme = themeOfWord(token.folded, compiled, lemmas) ?? -1;
        if (memory.size < WORD_MEMORY) memory.set(token.folded, theme);
      }
      if (theme !== -1) themes.add(theme);
    }
    const view = phraseView(folded, tokens);
    for (const theme of compiled.phrases.themesFound(view)) themes.add(theme);
    this.#addPatternThemes(clause, absent, themes);
    for (const theme of compiled.excludes.themesFound(view)) themes.delete(theme);
    return themes;
  }

  /** The themes of the patterns the clause matches; without `absent` (a text of one clause), all twins are tried at once first. */
  #addPatternThemes(clause: string, absent: readonly boolean[] | undefined, themes: Set<number>): void {
    const alike = readsAlikeWithoutUnicode(clause);
    if (absent === undefined && alike && this.#anyTwin !== undefined && !this.#anyTwin.test(clause)) return;
    this.#patterns.forEach(({ pattern, twin, theme }, index) => {
      if (absent?.[index] !== true && (alike ? twin : pattern).test(clause)) themes.add(theme);
    });
  }
}

/** A word's theme by term or stem, else (English) by its root forms. */
function themeOfWord(word: string, compiled: CompiledLanguage, lemmas: boolean): number | undefined {
  const theme = termOrStem(word, compiled);
  // compromise's inflection rules are not linear on long inputs; no long "word" has a root in the taxonomy.
  if (theme !== undefined || !lemmas || word.length > MAX_STEMMED_LENGTH) return theme;
  for (const root of englishRootForms(word)) {
    const ofRoot = termOrStem(root, compiled);
    if (ofRoot !== undefined) return ofRoot;
  }
  return undefined;
}

function termOrStem(word: string, compiled: CompiledLanguage): number | undefined {
  return compiled.words.get(word) ?? (compiled.stems.size > 0 ? compiled.stems.get(compiled.stem(word)) : undefined);
}

/** A neutral clause in a clearly polar text takes the text's polarity ("Frais de dossier. Scandaleux."). */
export function mentionSentiment(clause: ClauseSentiment, overall: SentimentAnalysis): SentimentLabel {
  if (clause.label !== 'neutral' || overall.label === 'mixed') return clause.label;
  return overall.label;
}

