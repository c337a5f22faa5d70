import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { verbatimId } from '../../core/verbatim-id.js';
import { seededRandom } from '../../models/learned/hashing.js';
import { postgresHashtext } from '../../db/postgres-hashtext.js';
import { forEachDatabase } from '../support/databases.js';

/** Every length around the 12-byte blocks, non-ASCII (2-, 3- and 4-byte UTF-8), ids as the import makes them, random strings. */
function sampleTexts(): string[] {
  const next = seededRandom(13);
  const alphabet = ['a', 'Z', '7', ' ', '_', 'é', 'ß', 'ç', '€', '日', '本', '😀', '🇫🇷', '\t', '"', '\\', 'Ω'];
  const texts = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'hello world!', 'hello world!!', 'ça coûte cher 😀', '日本語テキスト'];
  for (let length = 0; length <= 40; length += 1) texts.push('x'.repeat(length), 'é'.repeat(length));
  for (let i = 0; i < 2_000; i += 1) texts.push(verbatimId({ source: `nps-${i % 7}`, externalId: `R-${i}` }));
  for (let i = 0; i < 2_000; i += 1) {
    const length = Math.floor(next() * 60);
    texts.push(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
  }
  return texts;
}

forEachDatabase((database) => {
  it('equals hashtext() of the database on thousands of ids and texts, non-ASCII included', async () => {
    const texts = sampleTexts();
    const { rows } = await sql<{ h: number }>`
      select hashtext(t.x) as h
      from jsonb_array_elements_text(${JSON.stringify(texts)}::text::jsonb) with ordinality as t(x, n)
      order by t.n`.execute(database().db);
    expect(rows).toHaveLength(texts.length);
    const mismatches = texts.filter((text, index) => rows[index]?.h !== postgresHashtext(text));
    expect(mismatches).toEqual([]);
    // The replica's bucket is the low 20 bits, as `hashtext(id) & (2^20 - 1)` gives.
    expect(texts.map((text) => postgresHashtext(text) & 0xfffff).every((bucket) => bucket >= 0 && bucket < 1 << 20)).toBe(true);
  });
});
