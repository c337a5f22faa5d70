import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../web/queries/accent-fold.js';
import { searchPattern } from '../../../web/queries/search-pattern.js';
import { forEachDatabase } from '../../support/databases.js';

/** Characters the fold treats specially: accents, both cases, ligatures that fold to two letters, combining marks, the Kelvin sign, Greek, an emoji, regular-expression and LIKE syntax. */
const ALPHABET = ['a', 'e', 'o', 's', 'c', 'k', 'E', 'O', 'S', 'é', 'É', 'è', 'ô', 'œ', 'Œ', 'æ', 'Æ', 'ß', 'ẞ', '\u0301', '\u0327', '\u212a', 'σ', 'Σ', 'ς', '😀', ' ', '.', '%', '_', '\\', '*', '(', ']', '^', '-', '$', '|'];

/** A small deterministic generator (the same strings every run). */
function* randomStrings(seed: number, count: number, maxLength: number): Generator<string> {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state >> 8;
  };
  for (let made = 0; made < count; made++) {
    const length = 1 + (next() % maxLength);
    yield Array.from({ length }, () => ALPHABET[next() % ALPHABET.length] ?? 'a').join('');
  }
}

/** What the search means: the text's fold, each character in lower case, contains the query's. */
const folded = (text: string) => [...foldForSearch(text)].map((char) => ([...char.toLowerCase()].length === 1 ? char.toLowerCase() : char)).join('');

const TEXTS = [
  ...randomStrings(7, 1_500, 9),
  'Frais cachés partout',
  'un cœur en or',
  'Straße',
  'sß',
  'ßs',
  'ßß',
  'ss',
  'cœur',
  'Ægir',
  'e\u0301te\u0301',
  'KELVIN \u212a',
  'ΟΔΟΣ',
];
const QUERIES = [...new Set([...randomStrings(11, 150, 4)].filter((query) => foldForSearch(query) !== ''))].concat(['frais caches', 'CŒUR', 'sss', 'ss', 's', 'oe', 'ae', 'été', 'k', 'eur', 'co', 'σ', 'a.b', '50%']);

describe('searchPattern', () => {
  it('turns each folded letter into the class of what folds to it, ligatures included', () => {
    expect(searchPattern('coeur')).toContain('œŒ');
    expect(new RegExp(searchPattern('coeur'), 'u').test('UN CŒUR')).toBe(true);
    expect(new RegExp(searchPattern('frais'), 'u').test('FRAÎS')).toBe(true);
    expect(new RegExp(searchPattern('frais'), 'u').test('fraise')).toBe(true);
    expect(new RegExp(searchPattern('frais'), 'u').test('frai s')).toBe(false);
  });
});

forEachDatabase((database) => {
  it('matches exactly the texts whose fold contains the query, on the database', async () => {
    const { db } = database();
    let found = 0;
    for (const query of QUERIES) {
      const { rows } = await sql<{ text: string; matched: boolean }>`select t as text, t ~ ${searchPattern(query)} as matched from unnest(${TEXTS}::text[]) as t`.execute(db);
      const wrong = rows.filter((row) => row.matched !== folded(row.text).includes(folded(query))).map((row) => `${row.text} (${row.matched ? 'matched' : 'missed'})`);
      expect(wrong, `query ${JSON.stringify(query)}`).toEqual([]);
      found += rows.filter((row) => row.matched).length;
    }
    // Both sides exercised: many texts found, many left out.
    expect(found).toBeGreaterThan(1_000);
    expect(found).toBeLessThan(QUERIES.length * TEXTS.length * 0.5);
  });
});
