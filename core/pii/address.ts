import { allMatches, hasAsciiDigit, type Span } from './text-spans.js';
import { isCapitalised, stickyEnd, wordAt, type Word } from './words.js';

/**
 * Postal addresses: French ("12 rue de la Paix 75002 Paris", "3 bis, avenue Victor Hugo") and English
 * ("221B Baker Street", "10 Downing St, London SW1A 2AA"). Candidates start at a house number found by
 * a regex without unbounded repetition; the street name is then read word by word (a few words at most).
 */
export function findAddresses(text: string): Span[] {
  const spans: Span[] = [];
  // Both starts are house numbers (`\d`).
  if (!hasAsciiDigit(text)) return spans;
  for (const match of allMatches(FR_START, text)) {
    const end = frenchStreetEnd(text, match.index + match[0].length, match[1] !== undefined);
    if (end !== undefined) spans.push({ start: match.index, end });
  }
  for (const match of allMatches(EN_START, text)) {
    const end = englishStreetEnd(text, match.index + match[0].length);
    if (end !== undefined) spans.push({ start: match.index, end });
  }
  return spans;
}

// Group 1: street types that are addresses in any case; group 2: words that are also common nouns
// ("2 cours de maths", "1 place de parking"), taken only with a capitalised name or a postcode.
const FR_START = /(?<![\p{L}\p{N}\p{M}])\d{1,4}(?:\s?(?:bis|ter|quater|[a-d])(?![\p{L}\p{N}]))?,?\s{1,2}(?:(rue|avenue|av|boulevard|bd|bld|allée|allee|impasse|chaussée|chaussee|faubourg|fbg|quai)|(place|cours|route|chemin|passage|square|voie|sentier|résidence|residence|cité|cite|hameau|promenade|esplanade|villa|lotissement|parvis|traverse|ruelle))\.?(?![\p{L}\p{N}\p{M}])/giu;
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'aux', 'au', 'à', 'en', 'sur', 'saint', 'sainte', 'st', 'ste', 'l', 'd']);
const ELIDED = /^[ld]['’]/iu;
const POSTCODE_FR = /,?\s{0,2}\d{5}(?![\p{L}\p{N}])/uy;
const MAX_NAME_WORDS = 6;

function frenchStreetEnd(text: string, index: number, anyCase: boolean): number | undefined {
  let at = index;
  let end: number | undefined;
  let capitalised = false;
  for (let count = 0; count < MAX_NAME_WORDS; count++) {
    const word = wordAt(text, at);
    if (word === undefined) break;
    const lower = word.text.toLowerCase();
    at = word.end;
    if (PARTICLES.has(lower) || (ELIDED.test(word.text) && word.text.length === 2)) continue;
    const content = ELIDED.test(word.text) ? word.text.slice(2) : word.text;
    const upper = /^\p{Lu}/u.test(content);
    // The first content word may be lower-case ("rue de la paix"); later ones must be capitalised.
    if (end !== undefined && !upper) break;
    capitalised ||= upper;
    end = word.end;
  }
  if (end === undefined) return undefined;
  const postcodeEnd = stickyEnd(text, end, POSTCODE_FR);
  const city = postcodeEnd === undefined ? undefined : wordAt(text, postcodeEnd);
  if (!anyCase && !capitalised && city === undefined) return undefined;
  return city === undefined ? end : cityEnd(text, city);
}

/** "Paris", "Saint-Denis", "Boulogne Billancourt", "paris" (then capitalised words only), "Cedex". */
function cityEnd(text: string, first: Word): number {
  let end = first.end;
  for (let count = 0; count < 2; count++) {
    const next = wordAt(text, end, 1);
    if (next === undefined || !isCapitalised(next)) break;
    end = next.end;
  }
  return end;
}

const EN_START = /(?<![\p{L}\p{N}\p{M}])\d{1,5}[A-Za-z]?\s{1,2}(?=\p{Lu})/gu;
const EN_TYPES = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'drive', 'dr', 'boulevard', 'blvd', 'terrace', 'way', 'court', 'ct', 'place', 'pl', 'close', 'crescent', 'square', 'sq', 'gardens', 'row', 'mews', 'parkway', 'pkwy', 'highway', 'hwy', 'grove', 'hill', 'walk']);
const DIRECTION = /\s{1,2}(?:NE|NW|SE|SW|N|S|E|W)(?![\p{L}\p{N}])/uy;
const EN_CITY_POSTCODE = /,\s{1,2}\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?,?\s{1,2}(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]{2}\s\d{5}(?:-\d{4})?)(?![\p{L}\p{N}])/uy;
const EN_POSTCODE = /,?\s{1,2}(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]{2}\s\d{5}(?:-\d{4})?)(?![\p{L}\p{N}])/uy;

function englishStreetEnd(text: string, index: number): number | undefined {
  let at = index;
  let end: number | undefined;
  for (let count = 0; count < 5; count++) {
    const word = wordAt(text, at, count === 0 ? 0 : 2);
    if (word === undefined || !isCapitalised(word)) break;
    at = word.end;
    if (count > 0 && EN_TYPES.has(word.text.toLowerCase())) {
      end = word.end;
      break;
    }
  }
  if (end === undefined) return undefined;
  end = stickyEnd(text, end, DIRECTION) ?? end;
  return stickyEnd(text, end, EN_CITY_POSTCODE) ?? stickyEnd(text, end, EN_POSTCODE) ?? end;
}
