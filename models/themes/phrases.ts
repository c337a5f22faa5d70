import type { Token } from '../tokenize.js';

/**
 * A phrase of the taxonomy. Words of letters and digits (a trailing `*`: any letters after) are matched
 * on the clause's tokens, one Map-free comparison a word; a phrase with other characters in a word
 * ("e-mail", "r.a.s") keeps its regular expression.
 */
export type CompiledPhrase =
  | { readonly theme: number; readonly words: readonly PhraseWord[] }
  | { readonly theme: number; readonly pattern: RegExp };

interface PhraseWord {
  readonly text: string;
  /** `text*`: the word starts with `text`, then letters only. */
  readonly prefix: boolean;
}

const TOKEN_WORD = /^[\p{L}\p{N}]+\*?$/u;
const LETTERS = /^\p{L}*$/u;
const SPACES = /^\s+$/u;
const EMOTICON_START = /^[:;=]/;

export function compilePhrase(folded: string, theme: number): CompiledPhrase {
  const words = folded.trim().split(/\s+/);
  if (!words.every((word) => TOKEN_WORD.test(word))) return { theme, pattern: phrasePattern(folded) };
  return { theme, words: words.map((word) => (word.endsWith('*') ? { text: word.slice(0, -1), prefix: true } : { text: word, prefix: false })) };
}

/** A clause's tokens as phrases read them, computed once for all the phrases of a clause. */
export interface PhraseView {
  readonly folded: string;
  /** Each token's word; an emoticon (":d", ";-p") gives its last letter, which a phrase's expression reads as a word. */
  readonly words: readonly string[];
  /** Whether only whitespace separates token k from token k − 1. */
  readonly spaced: readonly boolean[];
}

export function phraseView(folded: string, tokens: readonly Token[]): PhraseView {
  const words: string[] = [];
  const spaced: boolean[] = [];
  let previousEnd = 0;
  for (const token of tokens) {
    const emoticon = EMOTICON_START.test(token.word);
    words.push(emoticon ? token.word.slice(-1) : token.word);
    spaced.push(SPACES.test(folded.slice(previousEnd, emoticon ? token.end - 1 : token.start)));
    previousEnd = token.end;
  }
  return { folded, words, spaced };
}

/**
 * Whether the phrase occurs in the folded clause as its regular expression would match it: whole
 * tokens in a row with only whitespace between them.
 */
export function phraseMatches(phrase: CompiledPhrase, view: PhraseView): boolean {
  if ('pattern' in phrase) return phrase.pattern.test(view.folded);
  const { words } = phrase;
  for (let i = 0; i + words.length <= view.words.length; i++) {
    let k = 0;
    while (k < words.length && (k === 0 || view.spaced[i + k] === true) && wordMatches(words[k] as PhraseWord, view.words[i + k] as string)) k++;
    if (k === words.length) return true;
  }
  return false;
}

function wordMatches(word: PhraseWord, token: string): boolean {
  if (!word.prefix) return token === word.text;
  return token.startsWith(word.text) && LETTERS.test(token.slice(word.text.length));
}

function phrasePattern(folded: string): RegExp {
  const body = folded
    .trim()
    .split(/\s+/)
    .map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}\\p{L}*` : escape(word)))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The phrases of a language indexed by their first word, so a clause is read once, token by token,
 * instead of once per phrase: only the phrases whose first word is the token at hand are tried there.
 * Phrases that start with a prefix (`frai*`) or keep a regular expression are tried on every clause.
 */
export class PhraseIndex {
  readonly #phrases: readonly CompiledPhrase[];
  /** First word → indices of the phrases that start with it. */
  readonly #byFirstWord = new Map<string, number[]>();
  readonly #always: readonly number[];

  constructor(phrases: readonly CompiledPhrase[]) {
    this.#phrases = phrases;
    const always: number[] = [];
    phrases.forEach((phrase, index) => {
      const first = 'words' in phrase ? phrase.words[0] : undefined;
      if (first === undefined || first.prefix) {
        always.push(index);
        return;
      }
      const list = this.#byFirstWord.get(first.text);
      if (list === undefined) this.#byFirstWord.set(first.text, [index]);
      else list.push(index);
    });
    this.#always = always;
  }

  /** The themes of the phrases found in the clause, in phrase order, as testing each phrase in turn would find them. */
  themesFound(view: PhraseView): number[] {
    const found = new Set<number>();
    for (const index of this.#always) if (phraseMatches(this.#phrases[index] as CompiledPhrase, view)) found.add(index);
    for (let i = 0; i < view.words.length; i++) {
      const candidates = this.#byFirstWord.get(view.words[i] as string);
      if (candidates === undefined) continue;
      for (const index of candidates) if (!found.has(index) && matchesAt((this.#phrases[index] as { words: readonly PhraseWord[] }).words, view, i)) found.add(index);
    }
    return [...found].sort((a, b) => a - b).map((index) => (this.#phrases[index] as CompiledPhrase).theme);
  }
}

function matchesAt(words: readonly PhraseWord[], view: PhraseView, i: number): boolean {
  if (i + words.length > view.words.length) return false;
  let k = 0;
  while (k < words.length && (k === 0 || view.spaced[i + k] === true) && wordMatches(words[k] as PhraseWord, view.words[i + k] as string)) k++;
  return k === words.length;
}
