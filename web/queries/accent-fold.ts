import { stripAccents } from '../../core/text-folding.js';

/**
 * Accent and case folding for the text search, computed in JavaScript so that PGlite and
 * PostgreSQL search alike with no extension (`unaccent` is not loaded, and `lower()` leaves
 * `É` alone in the C locale): one table of Latin letters, `A`→`a`, `É`→`e`, `Œ`→`œ`;
 * combining marks deleted (an NFD `e\u0301` is an `e`); then the ligatures spelt out. The
 * database side is a regular expression built from the same table (search-pattern.ts).
 */
const [FROM, TO] = translateTable();

/** The ligatures a one-letter table cannot map to two letters, spelt out after it. */
const LIGATURES = [
  ['œ', 'oe'],
  ['æ', 'ae'],
  ['ß', 'ss'],
] as const;

/** Combining diacritical marks: folded to nothing. */
const MARKS = Array.from({ length: 0x70 }, (_, index) => String.fromCodePoint(0x300 + index)).join('');

const TARGETS = [...TO];
const FOLD = new Map<string, string>([...FROM].map((char, index) => [char, TARGETS[index] ?? '']));
for (const mark of MARKS) FOLD.set(mark, '');

/**
 * Text as the search compares it, folded by the same table as {@link foldedColumn}.
 *
 * @example foldForSearch('Frais CACHÉS, cœur') // 'frais caches, coeur'
 */
export function foldForSearch(text: string): string {
  let folded = '';
  for (const char of text) folded += FOLD.get(char) ?? char;
  for (const [ligature, letters] of LIGATURES) folded = folded.replaceAll(ligature, letters);
  return folded;
}

/** `A`–`Z` and every Latin-1 and Latin Extended-A/B letter whose accent-stripped lower case is one ASCII letter; `Œ`, `Æ` to lower case. */
function translateTable(): [string, string] {
  let from = '';
  let to = '';
  for (let code = 0x41; code <= 0x24f; code += 1) {
    const char = String.fromCodePoint(code);
    const base = stripAccents(char).toLowerCase();
    const target = /^[a-z]$/.test(base) ? base : char === 'Œ' || char === 'Æ' ? char.toLowerCase() : undefined;
    if (target === undefined || target === char) continue;
    from += char;
    to += target;
  }
  return [from, to];
}
