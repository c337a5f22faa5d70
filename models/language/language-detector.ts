import type { LanguageDetector, LanguageGuess } from '../types.js';
import { fold } from '../../core/text-folding.js';
import { codeUnitsAt } from '../char-classes.js';
import { RecentCache, REMEMBERED_TEXT_LENGTH } from '../recent-cache.js';
import { tokenEnd } from '../tokenize.js';
import { loadEldTopTwo, type NgramLanguageScorer } from './eld-top-two.js';
import type { EldTables } from './eld-tables.js';
import { languageWords } from './short-text-features.js';
import { loadShortTextModel } from './short-text-model.js';
import { ambiguousFrenchEnglish, decideShortText, type FrenchEnglishScorer } from './short-text-language.js';

/**
 * The commonest short-answer words of French and English, accents stripped: their votes settle
 * plainly French or English sentences without eld, and tie-break eld's near calls between
 * lookalike languages. Short texts are left to the learned short-text model (short-text-language.ts).
 */
const SHORT_ANSWER_WORDS: Readonly<Record<'fr' | 'en', readonly string[]>> = {
  fr: ['ras', 'nul', 'nulle', 'merci', 'tres', 'bien', 'bof', 'rien', 'pas', 'trop', 'cher', 'chere', 'lent', 'lente', 'parfait', 'parfaite', 'genial', 'nickel', 'impeccable', 'rapide', 'efficace', 'sympa', 'moyen', 'decu', 'decue', 'satisfait', 'satisfaite', 'et', 'le', 'la', 'les', 'du', 'des', 'un', 'une', 'tout', 'service', 'conseiller', 'conseillere', 'frais', 'appli', 'carte', 'compte', 'attente', 'je', 'de', 'est', 'c\'est', 'accueil', 'bravo', 'bonne', 'bon', 'mauvais', 'mauvaise', 'aucun', 'jamais', 'toujours', 'injoignable', 'nickel', 'ouf', 'enfin', 'vraiment', 'franchement'],
  en: ['good', 'great', 'bad', 'poor', 'thanks', 'thank', 'you', 'very', 'nice', 'awful', 'terrible', 'fine', 'slow', 'fast', 'quick', 'easy', 'helpful', 'the', 'and', 'app', 'staff', 'fees', 'card', 'account', 'nothing', 'not', 'never', 'always', 'love', 'hate', 'worst', 'best', 'amazing', 'useless', 'is', 'was', 'it', 'my', 'of', 'to', 'customer', 'support', 'waiting', 'meh', 'cheers', 'rubbish', 'lovely', 'sorted', 'guys'],
};
const SHORT_WORDS = new Map<string, 'fr' | 'en'>();
for (const lang of ['fr', 'en'] as const) for (const word of SHORT_ANSWER_WORDS[lang]) SHORT_WORDS.set(word, lang);

/**
 * Words spelt alike in French and English: a short answer made only of these
 * ("Excellent !", "Top", "Correct.") says nothing about its language — the
 * source's prior settles it.
 */
const CROSS_LANGUAGE_WORDS = new Set(['excellent', 'service', 'correct', 'super', 'top', 'ok', 'okay', 'simple', 'parfait', 'normal', 'cool', 'important', 'impossible', 'possible', 'pro', 'bravo', 'nul', 'bof', 'ras', 'merci', 'moyen', 'rapide', 'efficace', 'client', 'clients', 'agence', 'application', 'transaction', 'parfaitement', 'excellente']);

/** Whole answers written as abbreviations, which the word lists cannot see: "N/A" is "not applicable". */
const ABBREVIATED_ANSWERS = new Map<string, 'fr' | 'en'>([
  ['n/a', 'en'],
  ['n.a.', 'en'],
  ['tbd', 'en'],
  ['idk', 'en'],
  ['nc', 'fr'],
  ['n.c.', 'fr'],
  ['r.a.s', 'fr'],
  ['r.a.s.', 'fr'],
  ['s.o.', 'fr'],
]);

/** Languages the rest of the pipeline knows by name; eld's other guesses on short texts are mostly noise. */
const PLAUSIBLE = new Set(['fr', 'en', 'es', 'de', 'it', 'nl', 'pt']);

/** Texts whose guesses are remembered (two generations of this many; the guesses are never written). */
const RECENT_TEXTS = 8192;

/** One literal for all tokens: a regular expression literal is a new object each time it is evaluated. */
const HAS_LETTER = /\p{L}/u;

/**
 * Language ID: eld's n-gram model for real sentences; for the 1–3 word comments surveys are full
 * of, a learned French/English model over words and character n-grams (models/language/short-text-language.ts);
 * `und` when neither can tell.
 */
export class RuleAndNgramLanguageDetector implements LanguageDetector {
  readonly version = 'lang-eld+short-text-0.2';
  readonly #ngrams: NgramLanguageScorer;
  readonly #shortText: FrenchEnglishScorer;
  /** Recent guesses by text: a guess is a function of the text alone, and survey answers repeat ("ok", "RAS", a template's sentence). */
  readonly #recent = new RecentCache<string, LanguageGuess>(RECENT_TEXTS);

  constructor(ngrams: NgramLanguageScorer, shortText: FrenchEnglishScorer) {
    this.#ngrams = ngrams;
    this.#shortText = shortText;
  }

  detect(text: string): LanguageGuess {
    if (text.length > REMEMBERED_TEXT_LENGTH) return this.#detect(text);
    return this.#recent.get(text) ?? this.#recent.set(text, this.#detect(text));
  }

  #detect(text: string): LanguageGuess {
    const abbreviated = ABBREVIATED_ANSWERS.get(text.trim().toLowerCase());
    if (abbreviated !== undefined) return { lang: abbreviated, confidence: 0.6 };
    const tokens = wordsWithLetters(text);
    if (tokens.length === 0) return { lang: 'und', confidence: 0 };
    if (tokens.length <= 2 && tokens.every((token) => CROSS_LANGUAGE_WORDS.has(token) && !SHORT_WORDS.has(token))) {
      return ambiguousFrenchEnglish(this.#shortText.frenchProbabilityOfWords(languageWords(text)));
    }
    if (tokens.length <= 3 || text.length < 20) return decideShortText(text, this.#ngrams, this.#shortText);
    const votes = { fr: 0, en: 0 };
    for (const token of tokens) {
      const lang = SHORT_WORDS.get(token);
      if (lang !== undefined) votes[lang] += 1;
    }
    // Plainly French or English sentences (many common words of one, none of the other) need no n-gram model.
    const [leader, runnerUp] = votes.fr >= votes.en ? (['fr', 'en'] as const) : (['en', 'fr'] as const);
    if (votes[leader] >= 3 && votes[runnerUp] === 0 && votes[leader] / tokens.length >= 0.4) return { lang: leader, confidence: 0.9 };
    const top = this.#ngrams.topTwo(text);
    if (top === undefined) return votes.fr + votes.en > 0 ? this.#byVotes(votes) : { lang: 'und', confidence: 0 };
    const { language: best, margin } = top;
    // Accent-stripped French often scores close to Spanish or Catalan: the word votes settle it.
    if (votes.fr + votes.en >= 2 && (!PLAUSIBLE.has(best) || margin < 0.08)) return this.#byVotes(votes);
    return { lang: best, confidence: Math.max(0, Math.min(1, 0.5 + margin * 3)) };
  }

  #byVotes(votes: { fr: number; en: number }): LanguageGuess {
    if (votes.fr === votes.en) return { lang: 'und', confidence: 0.3 };
    return { lang: votes.fr > votes.en ? 'fr' : 'en', confidence: 0.7 };
  }
}

/** The folded tokens (`tokenize`) that hold a letter, without a token object each. */
function wordsWithLetters(text: string): string[] {
  const words: string[] = [];
  const n = text.length;
  for (let at = 0; at < n; ) {
    const end = tokenEnd(text, at, n);
    if (end === -1) {
      at += codeUnitsAt(text, at);
      continue;
    }
    const word = text.slice(at, end);
    if (HAS_LETTER.test(word)) words.push(fold(word));
    at = end;
  }
  return words;
}

/**
 * Loads eld's medium model (on call, not at import time). `ngramTables`: eld's database already
 * flattened, e.g. shared by the enrichment threads (models/language/shared-eld-tables.ts); without, read here.
 */
export async function createLanguageDetector(ngramTables?: EldTables): Promise<LanguageDetector> {
  const [ngrams, shortText] = await Promise.all([loadEldTopTwo(ngramTables), loadShortTextModel()]);
  return new RuleAndNgramLanguageDetector(ngrams, shortText);
}
