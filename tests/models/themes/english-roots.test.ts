import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.js';
import { compromiseRootForms, ENGLISH_ROOTS_PATH, inflectionOf } from '../../../models/themes/english-lemmas.js';
import { englishRootsFileText, installedCompromiseVersion, readEnglishRootsTable } from '../../../models/themes/english-roots-table.js';

const tempFile = async (text: string): Promise<string> => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-roots-')), 'english-roots.json');
  await writeFile(file, text);
  return file;
};

describe('English root forms worked out ahead of time', () => {
  it('the shipped table holds what compromise answers for each of its words (rebuild: node dist/models/themes/english-roots-main.js)', () => {
    const table = readEnglishRootsTable(ENGLISH_ROOTS_PATH, installedCompromiseVersion());
    if (table === undefined) throw new Error(`${ENGLISH_ROOTS_PATH} is missing or built with another compromise`);
    expect(table.size).toBeGreaterThan(5000);
    expect(table.get('charged')).toEqual(['charge']);
    for (const [word, roots] of table) expect([word, [...roots]]).toEqual([word, [...compromiseRootForms(word)]]);
  });

  it('the same words give the same bytes, which read back as the same roots', async () => {
    const words = ['policies', 'charged', 'fees', 'policies'];
    const text = englishRootsFileText(words, compromiseRootForms, '1.2.3');
    expect(englishRootsFileText([...words].reverse(), compromiseRootForms, '1.2.3')).toBe(text);
    const table = readEnglishRootsTable(await tempFile(text), '1.2.3');
    expect(table && Object.fromEntries(table)).toEqual({ charged: ['charge'], fees: ['fee'], policies: ['policy'] });
  });

  it('is not read when built with another compromise, nor when missing', async () => {
    const file = await tempFile(englishRootsFileText(['fees'], compromiseRootForms, '1.2.3'));
    expect(readEnglishRootsTable(file, '1.2.4')).toBeUndefined();
    expect(readEnglishRootsTable(path.join(path.dirname(file), 'missing.json'), '1.2.3')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format":', /english-roots\.json: cannot read the English root forms/],
    ['another format', JSON.stringify({ format: 'other/1', compromise: '1.2.3', roots: {} }), /english-roots\.json: format: expected a file of format verbatim-english-roots\/1/],
    ['roots not a list', JSON.stringify({ format: 'verbatim-english-roots/1', compromise: '1.2.3', roots: { fees: 'fee' } }), /english-roots\.json: roots\.fees: expected an array/],
  ])('a damaged table (%s) is a ConfigError naming the file and the field', async (_case, text, message) => {
    const file = await tempFile(text);
    expect(() => readEnglishRootsTable(file, '1.2.3')).toThrow(ConfigError);
    expect(() => readEnglishRootsTable(file, '1.2.3')).toThrow(message);
  });

  it.each([
    ['charging', 'Gerund'],
    ['charged', 'PastTense'],
    ['fees', 'PresentTense'],
    ['fee', undefined],
    ['is', undefined],
    ['co2s', undefined],
  ])('inflectionOf(%j) is %j: only these words are in the table or asked of compromise', (word, inflection) => {
    expect(inflectionOf(word)).toBe(inflection);
  });

  it('the shipped table is sorted JSON of one line', async () => {
    const text = await readFile(ENGLISH_ROOTS_PATH, 'utf8');
    const words = Object.keys((JSON.parse(text) as { roots: Record<string, unknown> }).roots);
    expect(words).toEqual([...words].sort());
    expect(text.split('\n')).toHaveLength(2);
  });
});
