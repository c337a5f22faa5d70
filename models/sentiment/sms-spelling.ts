import { charClassAt, LETTER } from '../char-classes.js';

/**
 * SMS spellings and common shorthands, folded (lower case, no accents), with
 * what they stand for. Expanded before scoring so the ordinary rules apply:
 * "c nul" is "c est nul", "jsuis pas content" reaches the negation, "thx" the
 * lexicon. Words that already mean themselves (bcp, tro, pa) live in the
 * intensifier and negator lists.
 */
export const SMS_SPELLINGS: Readonly<Record<'fr' | 'en', Readonly<Record<string, string>>>> = {
  fr: {
    pb: 'probleme', pbm: 'probleme', pbs: 'problemes', tjrs: 'toujours', tjs: 'toujours', bi1: 'bien', c: 'c est', ct: 'c etait',
    jsuis: 'je suis', chui: 'je suis', chuis: 'je suis', jsui: 'je suis', slt: 'salut', stp: 's il te plait', svp: 's il vous plait',
    qd: 'quand', pr: 'pour', ds: 'dans', mm: 'meme', nn: 'non', tt: 'tout', tte: 'toute', ts: 'tous', vrmt: 'vraiment', vrm: 'vraiment',
    tkt: 'pas de souci', jame: 'jamais', jamai: 'jamais', bjr: 'bonjour', mr6: 'merci', mrc: 'merci', mci: 'merci', dc: 'donc',
    pk: 'pourquoi', pq: 'pourquoi', koi: 'quoi', ki: 'qui', ke: 'que', keske: 'qu est ce que', nimp: 'n importe quoi',
    auj: 'aujourd hui', ajd: 'aujourd hui', msg: 'message', dsl: 'desole', rdv: 'rendez vous',
  },
  en: {
    thx: 'thanks', thks: 'thanks', thanx: 'thanks', ty: 'thank you', pls: 'please', plz: 'please', gr8: 'great', u: 'you', ur: 'your',
    r: 'are', b4: 'before', ppl: 'people', cuz: 'because', bc: 'because', coz: 'because', idk: 'i don t know', imo: 'in my opinion',
    luv: 'love', gud: 'good', nvr: 'never', tho: 'though', pb: 'problem', prob: 'problem', probs: 'problems', acct: 'account',
    ya: 'you', yr: 'your', msg: 'message', pw: 'password', asap: 'as soon as possible',
  },
};

/** A short word standing alone (apostrophes count as word characters, so "c'est" is not the shorthand "c"); shorthands are 1–6 characters. */
const SHORT_WORD = /(?<![\p{L}\p{N}'])[\p{L}\p{N}]{1,6}(?![\p{L}\p{N}'])/gu;

const SHORTHAND_KEY = /^[\p{L}\p{N}]{1,6}$/u;
const shorthandPatterns = new WeakMap<object, RegExp | null>();

/**
 * The table's own shorthands as whole words: the same words SHORT_WORD finds and the table holds,
 * without calling back for every short word of the text. `undefined` when a key is not a 1–6
 * character word (the general path then applies). Compiled once per table.
 */
function shorthandPattern(table: Readonly<Record<string, string>>): RegExp | undefined {
  let pattern = shorthandPatterns.get(table);
  if (pattern === undefined) {
    const keys = Object.keys(table);
    pattern = keys.length > 0 && keys.every((key) => SHORTHAND_KEY.test(key)) ? new RegExp(`(?<![\\p{L}\\p{N}'])(?:${[...keys].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}'])`, 'gu') : null;
    shorthandPatterns.set(table, pattern);
  }
  return pattern ?? undefined;
}

/** A letter three times or more in a row ("nuuul", "tooop", "sooo"). */
const STRETCHED = /(\p{L})\1{2,}/u;

/**
 * `STRETCHED.test(text)` by one scan of code points (as the `u` pattern reads them: a pair as one, a lone
 * surrogate as itself, never a letter): asked of every clause, where the back-reference made the pattern
 * one of the rule model's costliest.
 *
 * @example hasStretchedLetter('nuuul') // true
 */
export function hasStretchedLetter(text: string): boolean {
  let previous = -1;
  let run = 0;
  for (let at = 0; at < text.length; ) {
    const point = text.codePointAt(at) as number;
    if (point === previous) {
      if (++run >= 3) return true;
    } else if ((charClassAt(text, at) & LETTER) !== 0) {
      previous = point;
      run = 1;
    } else {
      previous = -1;
      run = 0;
    }
    at += point > 0xffff ? 2 : 1;
  }
  return false;
}
const STRETCHED_RUN = /(\p{L})\1{2,}/gu;
/**
 * A whole run of letters. A stretched word is a run holding a stretch: tested run by run, not with
 * `\p{L}*(\p{L})\1{2,}\p{L}*`, which rescans a long run without a stretch from each of its letters (quadratic).
 */
const LETTER_RUN = /\p{L}+/gu;

/**
 * Expands SMS spellings in folded text, and brings stretched words back to a
 * word the scorer knows: runs of one letter are cut to two ("goood" → "good"),
 * else to one ("nuuul" → "nul", "tooop" → "top"); a stretched word nobody
 * knows is left as it is.
 *
 * @example normalizeSpelling('c tro nuuul', SMS_SPELLINGS.fr, (word) => word === 'nul') // 'c est tro nul'
 */
export function normalizeSpelling(folded: string, table: Readonly<Record<string, string>>, known: (word: string) => boolean): string {
  const shorthands = shorthandPattern(table);
  let text = shorthands === undefined ? folded.replace(SHORT_WORD, (word) => (Object.hasOwn(table, word) ? (table[word] as string) : word)) : folded.replace(shorthands, (word) => table[word] as string);
  if (hasStretchedLetter(text)) {
    text = text.replace(LETTER_RUN, (word) => {
      if (!STRETCHED.test(word) || known(word)) return word;
      const two = word.replace(STRETCHED_RUN, '$1$1');
      if (known(two)) return two;
      const one = word.replace(STRETCHED_RUN, '$1');
      return known(one) ? one : word;
    });
  }
  return text;
}
