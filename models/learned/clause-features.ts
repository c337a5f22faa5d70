import { fold } from '../../core/text-folding.js';
import { codeUnitsAt } from '../char-classes.js';
import { extractFeatures, lendFeatures, VectorBuilder, wordTable, type FeatureSettings, type SparseVector } from './features.js';
import type { CompiledLexicons } from './lexicon-features.js';
import { SCOPE_END, tokenEnd } from './negation.js';
import type { WordFeatures, WordFeatureTable } from './word-features.js';

/** A piece of the text by code-unit offsets (a clause span). */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The vectors of a text and of each of its clauses — `[whole, clause 1, clause 2, …]`, each the
 * same to the bit as `extractFeatures` of that piece, computed in that order (the order in which
 * the lexicons reuse the text's rule analysis for its clauses) — with the text tokenized once.
 *
 * A clause's tokens are the text's tokens inside its span, read with a fresh negation scope and
 * sentence start. That is what scanning the clause alone gives when
 * - folding the clause gives the folded text's slice at the same offsets: so whenever every code
 *   unit of the text folds to one code unit on its own (`foldsUnitByUnit`), `fold` being then a
 *   map of code units (NFD and mark removal per character, lower case without context outside
 *   Greek);
 * - no token of the text straddles the clause's start or end: a scan step reads ahead only inside
 *   the token it finds (letters, a `'t` after them and the character after that), so steps that
 *   start at the same place and end inside the clause find the same tokens (a clause end inside a
 *   surrogate pair is inside a token, or inside a skipped character that yields no token either way).
 * A text or a clause failing either is featurized alone, as before.
 *
 * @example extractFeaturesByClause('Great staff, awful fees', 'en', [{ start: 0, end: 11 }, { start: 13, end: 23 }], settings, lexicons).length === 3
 */
export function extractFeaturesByClause(text: string, lang: string, spans: readonly TextSpan[], settings: FeatureSettings, lexicons: CompiledLexicons | null): SparseVector[] {
  return byClause(text, lang, spans, settings, lexicons, false, (vector) => vector);
}

/**
 * `extractFeaturesByClause` with each vector handed to `use` as soon as it is made, and only lent
 * (`lendFeatures`: scratch buffers the next vector overwrites): `use` must read it at once.
 *
 * @example scoreFeaturesByClause(text, 'en', spans, settings, lexicons, (vector) => score(vector))
 */
export function scoreFeaturesByClause<T>(
  text: string,
  lang: string,
  spans: readonly TextSpan[],
  settings: FeatureSettings,
  lexicons: CompiledLexicons | null,
  use: (vector: SparseVector) => T,
): T[] {
  return byClause(text, lang, spans, settings, lexicons, true, use);
}

function byClause<T>(
  text: string,
  lang: string,
  spans: readonly TextSpan[],
  settings: FeatureSettings,
  lexicons: CompiledLexicons | null,
  lent: boolean,
  use: (vector: SparseVector) => T,
): T[] {
  const featurize = lent ? lendFeatures : extractFeatures;
  const alone = (span: TextSpan): T => use(featurize(text.slice(span.start, span.end), lang, settings, lexicons));
  if (!foldsUnitByUnit(text)) {
    const whole = use(featurize(text, lang, settings, lexicons));
    return [whole, ...spans.map(alone)];
  }
  const table = wordTable(settings, lexicons);
  const tokens = TOKENS;
  tokens.record(fold(text), table);
  try {
    const out = [use(tokens.vector(text, 0, tokens.count, lang, settings, lexicons, table, lent))];
    for (const span of spans) {
      const first = tokens.firstAtOrAfter(span.start);
      const after = tokens.firstAtOrAfter(span.end);
      const aligned = !tokens.endsAfter(first - 1, span.start) && !tokens.endsAfter(after - 1, span.end);
      out.push(aligned ? use(tokens.vector(text.slice(span.start, span.end), first, after, lang, settings, lexicons, table, lent)) : alone(span));
    }
    return out;
  } finally {
    tokens.release();
  }
}

/** Code units below this may fold one by one (up to the currency signs); anything from here on in the BMP sends the text the old way. */
const UNIT_FOLD_END = 0x20d0;

/**
 * Whether each code unit folds to exactly one code unit on its own, worked out once: ASCII,
 * Latin-1, Latin Extended-A/B, general punctuation, super- and subscripts and currency signs
 * (`fold` strips them by table or by their canonical decomposition, and lower-cases them without
 * context). No combining mark is among them.
 */
const FOLDS_TO_ONE_UNIT: Uint8Array = (() => {
  const table = new Uint8Array(UNIT_FOLD_END);
  for (let code = 0; code < UNIT_FOLD_END; code++) {
    if (code >= 0x250 && code < 0x2000) continue;
    table[code] = fold(String.fromCharCode(code)).length === 1 ? 1 : 0;
  }
  return table;
})();

/** Code points beyond the BMP (emoji mostly) by whether `fold` leaves them as they are; few distinct ones occur. */
const ASTRAL_KEPT = new Map<number, boolean>();

/**
 * Whether `fold` of the text is the fold of each code unit (or surrogate pair), one for one, so
 * offsets carry over: every code unit is one of FOLDS_TO_ONE_UNIT, or a pair whose code point folds
 * to itself (emoji; not a letter with a lower case, not one with a decomposition).
 */
export function foldsUnitByUnit(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < UNIT_FOLD_END) {
      if (FOLDS_TO_ONE_UNIT[code] === 0) return false;
      continue;
    }
    const low = text.charCodeAt(at + 1);
    if (code < 0xd800 || code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return false;
    const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    let kept = ASTRAL_KEPT.get(point);
    if (kept === undefined) {
      const char = String.fromCodePoint(point);
      ASTRAL_KEPT.set(point, (kept = fold(char) === char));
    }
    if (!kept) return false;
    at++;
  }
  return true;
}

/**
 * The tokens of one folded text as `scanMarkedTokens` finds them, with their offsets; a mark that
 * ends a negation scope is a token without a word. Scratch arrays shared by every call (a text is
 * featurized at a time; nothing here calls back into it).
 */
class TokenRun {
  count = 0;
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #words: string[] = [];
  /** The word's table entry, or null for a scope-ending mark. */
  readonly #entries: (WordFeatures | null)[] = [];

  /** The scan of `scanMarkedTokens`, recorded instead of visited. */
  record(folded: string, table: WordFeatureTable): void {
    const n = folded.length;
    this.count = 0;
    for (let at = 0; at < n; ) {
      const end = tokenEnd(folded, at, n);
      if (end === -1) {
        at += codeUnitsAt(folded, at);
        continue;
      }
      if (end === SCOPE_END) {
        this.#push(at, at + 1, '', null);
        at += 1;
        continue;
      }
      const token = folded.slice(at, end);
      const word = token.includes('’') ? token.replace('’', "'") : token;
      this.#push(at, end, word, table.get(word));
      at = end;
    }
  }

  /** The index of the first token starting at or after `offset` (`count` if none). */
  firstAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#starts[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Whether token `index` (none when negative) ends after `offset`, i.e. straddles it (it starts before). */
  endsAfter(index: number, offset: number): boolean {
    return index >= 0 && (this.#ends[index] as number) > offset;
  }

  /** The vector of tokens `from`..`to` read as a text of their own (`text`: that piece of the text). */
  vector(text: string, from: number, to: number, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null, table: WordFeatureTable, lent: boolean): SparseVector {
    const vector = new VectorBuilder(text, lang, settings, lexicons, table);
    let inScope = false;
    for (let i = from; i < to; i++) {
      const entry = this.#entries[i] as WordFeatures | null;
      if (entry === null) {
        inScope = false;
        continue;
      }
      vector.addWord(this.#words[i] as string, entry, inScope && !entry.negator);
      if (entry.negator) inScope = true;
    }
    return lent ? vector.lend(text) : vector.finish(text);
  }

  /** Forgets the words (a megabyte-long text must not keep its tokens alive). */
  release(): void {
    if (this.count > RETAINED_TOKENS) {
      this.#starts.length = 0;
      this.#ends.length = 0;
      this.#words.length = 0;
      this.#entries.length = 0;
    }
    this.count = 0;
  }

  #push(start: number, end: number, word: string, entry: WordFeatures | null): void {
    const i = this.count++;
    this.#starts[i] = start;
    this.#ends[i] = end;
    this.#words[i] = word;
    this.#entries[i] = entry;
  }
}

/** Scratch slots kept between texts; a longer text's are dropped after it. */
const RETAINED_TOKENS = 4096;
const TOKENS = new TokenRun();
