import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryPhraseCounts } from '../../analysis/phrase-counts.js';
import { phrasesOf, wordTokens } from '../../core/text-phrases.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/**
 * Texts the SQL tokeniser (analysis/phrase-counts.ts, at read time on the source) and the
 * JavaScript one (core/text-phrases.ts, at sync time for the replica) must read alike: each
 * bug found becomes a row. Not here: circled letters (Ⓐ), which PGlite's `lower()` leaves
 * upper-case while PostgreSQL's and JavaScript's lower them — the engines differ among themselves.
 */
const TEXTS = [
  "Frais d'attente élevés, frais cachés",
  'ÉNORME problème À LA CAISSE',
  'Straße STRASSE groß',
  "Temps d'attente: 45 min!",
  "L'app plante 3x par jour 😡😡",
  'app—très lente…vraiment',
  'e-mail, SMS & co.',
  'naïve café crème brûlée',
  'cafe\u0301 cre\u0300me soupe', // decomposed accents: the combining mark splits, on both sides
  'ΟΔΟΣ ΚΑΛΟΣ καλός', // final sigma: lower() maps Σ to σ everywhere
  'Ελληνικά ΣΟΦΟΣ',
  'İstanbul ıı IRMAK', // İ lowers to one i, not i + combining dot
  '日本語のレビュー 素晴らしい',
  'x² ½ Ⅻ ٣٤ ab', // ² and ½ split words; Arabic-Indic digits count as letters in the C library's classes
  'ⅫⅫ ab²cd ab½cd ab٣cd',
  'm² 25m² prix',
  '١٢٣ ٢٠٢٤ ok',
  "don't can't won't",
  '   ',
  'a b c d',
  'hello_world foo_bar',
  '42 1337 2024',
  'Привет МИР отлично',
  'مرحبا بالعالم',
  'नमस्ते दुनिया',
  'tab\tnew\nline',
  'NBSP\u00a0here',
  'ﬁne ligature ﬀoo',
  'ǅemal ǄEMAL ǅǅ',
  '\u212Aelvin KELVIN',
  'ÅNGSTRÖM Øre',
  'zero\u200Bwidth join\u200Der',
  'ĲSSEL ĳs',
  'ÀÉÎÕÜ ÇA',
  'x1 1x a1b2',
  '𝐁𝐨𝐥𝐝 text',
  'ᾼ ᾈ test',
] as const;

describe('JavaScript tokeniser', () => {
  it.each([
    ['ΟΔΟΣ ΚΑΛΟΣ', ['οδοσ', 'καλοσ']],
    ['İstanbul', ['istanbul']],
    ['x² ab٣cd', ['ab٣cd']],
  ] as const)('%s', (text, tokens) => {
    expect(wordTokens(text)).toEqual(tokens);
  });

  it('makes content words of other scripts’ digits, as the SQL side’s alpha class does', () => {
    expect([...phrasesOf('٢٠٢٤ 2024')]).toEqual(['٢٠٢٤']);
  });
});

forEachDatabase((database) => {
  const ids: string[] = [];
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    const verbatims = TEXTS.map((text, index) => surveyAnswer(index + 1, { text }));
    await insertVerbatims(db, verbatims);
    ids.splice(0, ids.length, ...verbatims.map((verbatim) => verbatim.id));
  });

  it.each(TEXTS.map((text, index) => [text, index] as const))('SQL and JavaScript read %j alike', async (text, index) => {
    const counts = await queryPhraseCounts(database().db, {
      filters: {},
      target: sql<boolean>`v.id = ${ids[index] ?? ''}`,
      reference: sql<boolean>`false`,
      minTargetDocs: 1,
      limit: 1000,
    });
    expect(counts.phrases.map((row) => row.phrase).sort()).toEqual([...phrasesOf(text)].sort());
  });
});
