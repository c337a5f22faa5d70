import { fold } from '../../core/text-folding.js';
import { foldedTokens, someTokenSpan } from '../tokenize.js';
import type { SentimentAnalysis, SentimentModel } from '../types.js';
import { analyzeByClauses, normalizeSum } from './combine-clauses.js';
import type { ClauseMarkers } from './clauses.js';
import { COMPLAINT_FACTS, CONCESSIVE, CONTRAST, EMOJI, IDIOMS, INTENSIFIERS, LEXICON, NEGATORS } from './lexicons.js';
import { normalizeSpelling, SMS_SPELLINGS } from './sms-spelling.js';
import { WordLexicon } from './word-lexicon.js';
import { anyOfPatterns } from '../any-of-patterns.js';

type Supported = 'fr' | 'en';
const SUPPORTED: readonly Supported[] = ['fr', 'en'];

const NEGATION_WINDOW = 3;
const HAS_CAPITAL = /\p{Lu}/u;
/** An apostrophe, not the tear of ":'(" (one shared expression: a literal is a new object each call). */
const APOSTROPHE_NOT_IN_EMOTICON = /(?<!:)'/g;

/** Emoji and emoticons by their folded token (":D" is tokenized as ":d" in folded text); each counted once, in the token loop. */
const EMOJI_FOLDED: ReadonlyMap<string, number> = new Map(Object.entries(EMOJI).map(([key, value]) => [key.toLowerCase(), value]));

interface LanguageTables {
  readonly words: WordLexicon;
  /** Idioms by their first word, longest first. */
  readonly idioms: ReadonlyMap<string, readonly Idiom[]>;
  readonly negators: ReadonlySet<string>;
  readonly intensifiers: Readonly<Record<string, number>>;
  readonly markers: ClauseMarkers;
  readonly facts: readonly (readonly [RegExp, number])[];
  /** Matches where any fact does (undefined: test each): most clauses state no fact and are read once, not once a fact. */
  readonly anyFact: RegExp | undefined;
  readonly sms: Readonly<Record<string, string>>;
  readonly splitElisions: boolean;
  /** Whether a folded word means something to the scorer (a stretched "nuuul" is cut back until it does). */
  readonly known: (word: string) => boolean;
}

/**
 * FR/EN lexicon-and-rules sentiment: idioms, negation scope, intensifiers,
 * contrast ("mais", "but" weigh what follows; "although", "même si" weigh their
 * clause less than the main one), SMS spellings and stretched words ("c tro
 * nuuul"), exclamation, capitals, emoji;
 * one score per clause so each theme gets the sentiment of its own clause.
 * Other languages come back `supported: false`, never scored with these rules.
 */
export class LexiconSentimentModel implements SentimentModel {
  readonly version = 'sentiment-lexicon-0.1';
  readonly languages: readonly string[] = SUPPORTED;
  readonly #tables: Readonly<Record<Supported, LanguageTables>>;

  constructor() {
    this.#tables = { fr: buildTables('fr'), en: buildTables('en') };
  }

  analyze(text: string, lang: string): SentimentAnalysis {
    if (!isSupported(lang)) return { supported: false, label: 'neutral', score: 0, clauses: [] };
    const known = RECENT_ANALYSES.find((entry) => entry.text === text && entry.lang === lang);
    if (known !== undefined) return known.analysis;
    const tables = this.#tables[lang];
    const analysis = analyzeByClauses(text, tables.markers, (clause) => scoreClause(clause, tables));
    RECENT_ANALYSES.pop();
    RECENT_ANALYSES.unshift({ text, lang, analysis });
    return analysis;
  }
}

/**
 * The last few analyses, shared by every instance: each builds the same tables from the same
 * constants, so any of them answers a text as the others do. The combined model reads a text's
 * rule analysis twice (the learned model's `rule±` features, then as a base answer) from two
 * instances; between the two, the learned model may analyse a clause or two. Analyses are
 * immutable (readonly, never written after `analyzeByClauses`), so handing one out twice is safe.
 */
const RECENT_ANALYSES: { readonly text: string; readonly lang: string; readonly analysis: SentimentAnalysis }[] = Array.from({ length: 4 }, () => ({
  text: '',
  lang: '',
  analysis: { supported: false, label: 'neutral', score: 0, clauses: [] },
}));

export function createSentimentModel(): SentimentModel {
  return new LexiconSentimentModel();
}

function scoreClause(clause: string, tables: LanguageTables): number {
  // SMS spellings expanded; French elisions split ("l'appli"), English contractions kept whole ("don't" is a
  // negator, "don" and "t" are not); the crying emoticon ":'(" keeps its apostrophe.
  const spelled = normalizeSpelling(fold(clause).replaceAll('’', "'"), tables.sms, tables.known);
  const folded = spelled.replace(APOSTROPHE_NOT_IN_EMOTICON, ' ');
  const tokens = foldedTokens(tables.splitElisions ? folded : spelled);
  let sum = 0;
  if (tables.anyFact === undefined || tables.anyFact.test(folded)) for (const [pattern, score] of tables.facts) if (pattern.test(folded)) sum += score;
  const shouting = isShouting(clause);
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] as string;
    const idiom = matchIdiom(tables.idioms.get(word), tokens, i);
    if (idiom !== undefined) {
      sum += idiom.score;
      i += idiom.words.length - 1;
      continue;
    }
    let value = EMOJI_FOLDED.get(word) ?? tables.words.get(word);
    if (value === undefined || value === 0) continue;
    const previous = tokens[i - 1];
    if (previous !== undefined) value *= tables.intensifiers[previous] ?? 1;
    for (let back = 1; back <= NEGATION_WINDOW && i - back >= 0; back++) {
      if (tables.negators.has(tokens[i - back] as string)) {
        value *= -0.8;
        break;
      }
    }
    sum += value;
  }
  if (clause.includes('!')) sum *= 1.2;
  if (shouting) sum *= 1.2;
  return normalizeSum(sum);
}

/** A word of four or more characters in capitals ("NULLE", "NEVER"); a clause without a capital letter is not tokenized again. */
function isShouting(clause: string): boolean {
  if (!HAS_CAPITAL.test(clause)) return false;
  return someTokenSpan(clause, (start, end) => {
    if (end - start < 4) return false;
    const word = clause.slice(start, end);
    return HAS_CAPITAL.test(word) && word === word.toUpperCase();
  });
}

interface Idiom {
  readonly words: readonly string[];
  readonly score: number;
}

/** The longest idiom starting at token `i`, if any (candidates are sorted longest first). */
function matchIdiom(candidates: readonly Idiom[] | undefined, tokens: readonly string[], i: number): Idiom | undefined {
  if (candidates === undefined) return undefined;
  return candidates.find((idiom) => idiom.words.every((word, offset) => tokens[i + offset] === word));
}

function buildTables(lang: Supported): LanguageTables {
  const words = new WordLexicon(LEXICON[lang]);
  const idioms = IDIOMS[lang];
  const known = (word: string): boolean =>
    words.get(word) !== undefined || word in INTENSIFIERS[lang] || NEGATORS[lang].has(word) || word in idioms || EMOJI_FOLDED.has(word);
  return {
    sms: SMS_SPELLINGS[lang],
    splitElisions: lang === 'fr',
    known,
    words,
    idioms: indexIdioms(IDIOMS[lang]),
    negators: NEGATORS[lang],
    intensifiers: INTENSIFIERS[lang],
    markers: { contrast: CONTRAST[lang], concessive: CONCESSIVE[lang] },
    facts: COMPLAINT_FACTS[lang],
    anyFact: anyOfPatterns(COMPLAINT_FACTS[lang].map(([pattern]) => pattern)),
  };
}

function indexIdioms(idioms: Readonly<Record<string, number>>): Map<string, Idiom[]> {
  const index = new Map<string, Idiom[]>();
  for (const [text, score] of Object.entries(idioms)) {
    const words = text.split(' ');
    const list = index.get(words[0] as string) ?? [];
    list.push({ words, score });
    list.sort((a, b) => b.words.length - a.words.length);
    index.set(words[0] as string, list);
  }
  return index;
}

function isSupported(lang: string): lang is Supported {
  return (SUPPORTED as readonly string[]).includes(lang);
}



