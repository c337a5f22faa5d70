import { allMatches, allMatchesAtWordStart, runEnd, type Span } from './text-spans.js';
import { isCapitalised, stickyEnd, wordAt } from './words.js';

/**
 * Names a writer gives for themselves: "je m'appelle Jean Dupont", "my name is John Smith",
 * "Nom : Dupont, prénom : Jean", "je suis M. Dupont", "I'm Mrs Jones". The introduction stays; the
 * title and name become the token. After "je suis"/"I am" (which mostly introduce adjectives) only a
 * title followed by a capitalised word counts. Also a title and a capitalised name anywhere ("Bonjour,
 * Mme Martin ici", but not "Madame la conseillère"), and a signature: capitalised words ending the
 * text after a closing ("Cordialement, Jean Dupont").
 */
export function findNames(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of allMatchesAtWordStart(INTRO, text)) {
    const strong = match[1] !== undefined || match[2] !== undefined;
    const start = match.index + match[0].length;
    const afterTitle = stickyEnd(text, start, TITLE);
    if (!strong && afterTitle === undefined) continue;
    const end = nameEnd(text, afterTitle ?? start, strong && afterTitle === undefined);
    if (end !== undefined) spans.push({ start, end });
  }
  // Every title starts with an upper-case M.
  if (text.includes('M')) {
    for (const match of allMatches(TITLE_ANYWHERE, text)) {
      const end = nameEnd(text, match.index + match[0].length, false);
      if (end !== undefined) spans.push({ start: match.index, end });
    }
  }
  for (const match of allMatchesAtWordStart(CLOSING, text)) {
    const start = match.index + match[0].length;
    const end = nameEnd(text, start, false);
    if (end !== undefined && runEnd(text, end, TRAILING) === text.length) spans.push({ start, end });
  }
  return spans;
}

// INTRO and CLOSING start on a word boundary (`allMatchesAtWordStart`: a leading lookbehind is slow).
// A label ("Nom :", "Mon nom :") counts at the start of a line or clause, not after a noun ("Product name: Galaxy").
const INTRO = /(?:(je\s{1,2}m['’]\s?appelle|je\s{1,2}me\s{1,2}nomme|mon\s{1,2}nom\s{1,2}(?:est|c['’]est)|my\s{1,2}name\s{1,2}is|my\s{1,2}name['’]s|i\s{1,2}am\s{1,2}called|moi\s{1,2}c['’]est|my\s{1,2}surname\s{1,2}is|mon\s{1,2}prénom\s{1,2}est|my\s{1,2}first\s{1,2}name\s{1,2}is)\s{1,2}|((?<=^|[\n,;.!?(]\s{0,2}|(?<![\p{L}\p{N}\p{M}])(?:mon|my|votre|your)\s{1,2})(?:(?:first\s{1,2}|last\s{1,2}|full\s{1,2}|sur)?name|(?:pré|pre)?nom|nom\s{1,2}de\s{1,2}famille))\s{0,2}:\s{0,2}|(je\s{1,2}suis|i\s{1,2}am|i['’]m|this\s{1,2}is|c['’]est|ici)\s{1,2})/giu;
/** A courtesy title, capitalised as written before a name ("MS Office" and "mme" in a sentence stay). */
const TITLE_ANYWHERE = /(?<![\p{L}\p{N}\p{M}_])(?:Mme|Mlle|M\.|Mr\.?|Mrs\.?|Ms\.?|Madame|Monsieur|MME|MADAME|MONSIEUR)\s{1,2}/gu;
/** A letter's closing, then the signature: "Cordialement, Jean Dupont", "Best regards,\nJohn". */
const CLOSING = /(?:cordialement|salutations|bien\s{1,2}à\s{1,2}vous|regards|sincerely)\s{0,2}[,.!]?\s{1,3}/giu;
const TRAILING = /[\s.!,;]*/y;
const TITLE = /(?:m\.|m(?=\s)|mr\.?|mrs\.?|ms\.?|mme\.?|mlle\.?|dr\.?|monsieur|madame|mademoiselle|miss)\s{1,2}/iuy;
const ELISION = /^(?:[jcnldms]|qu)['’]/iu;
// Words that follow an introduction but are not names ("je m'appelle et …" never happens; "my name is not …" does).
const NOT_NAMES = new Set([
  'et', 'and', 'je', 'i', 'from', 'de', 'du', 'des', 'le', 'la', 'les', 'un', 'une', 'a', 'an', 'the', 'client', 'cliente', 'customer',
  'depuis', 'since', 'not', 'pas', 'ne', 'très', 'tres', 'very', 'avec', 'with', 'mais', 'but', 'ou', 'or', 'suis', 'am', 'is', 'qui', 'who',
  'au', 'aux', 'à', 'en', 'in', 'chez', 'at', 'vous', 'you', 'merci', 'thanks', 'sur', 'pour', 'for', 'bonjour', 'hello', 'hi', 'ce', 'this',
  'that', 'ai', 'have', 'has', 'was', 'été', 'and', 'on', 'of', 'to', 'il', 'elle', 'he', 'she', 'we', 'nous', 'they', 'ils', 'my', 'mon', 'ma',
  'your', 'votre', 'here', 'ici', 'today', "aujourd'hui", 'already', 'déjà', 'deja', 'also', 'aussi', 'so', 'donc',
]);
const MAX_NAME_WORDS = 3;

/** End of the name words at `index`; `anyCase` after "je m'appelle"/"my name is" without a title. */
function nameEnd(text: string, index: number, anyCase: boolean): number | undefined {
  let end: number | undefined;
  let at = index;
  let lowerCaseName = false;
  for (let count = 0; count < MAX_NAME_WORDS; count++) {
    const word = wordAt(text, at, count === 0 ? 0 : 2);
    if (word === undefined || NOT_NAMES.has(word.text.toLowerCase()) || ELISION.test(word.text)) break;
    const upper = isCapitalised(word);
    if (count === 0 && !upper && !anyCase) break;
    if (count === 0) lowerCaseName = !upper;
    // "jean dupont" after "je m'appelle": two lower-case words at most; otherwise capitalised ones.
    if (count > 0 && !upper && !(lowerCaseName && count < 2)) break;
    end = word.end;
    at = word.end;
  }
  return end;
}
