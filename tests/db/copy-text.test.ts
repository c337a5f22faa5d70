import { describe, expect, it } from 'vitest';
import { copyField, copyLine, type CopyValue } from '../../db/copy-text.js';

describe('copyField', () => {
  it.each<[string, CopyValue, string]>([
    ['null', null, '\\N'],
    ['undefined', undefined, '\\N'],
    ['plain text', 'The fees are too high', 'The fees are too high'],
    ['empty text (not NULL)', '', ''],
    ['backslash', 'C:\\temp\\N', 'C:\\\\temp\\\\N'],
    ['text that reads as the NULL marker', '\\N', '\\\\N'],
    ['the end-of-data marker', '\\.', '\\\\.'],
    ['tab, newline, CR', 'a\tb\nc\r\nd', 'a\\tb\\nc\\r\\nd'],
    ['NUL characters dropped', 'a\u0000b\u0000', 'ab'],
    ['quotes and non-ASCII as they are', 'l\'agence "Crédit" 東京 🙂', 'l\'agence "Crédit" 東京 🙂'],
    ['integer', 7, '7'],
    ['double, shortest round trip', 0.1 + 0.2, '0.30000000000000004'],
    ['tiny double', 1e-7, '1e-7'],
    ['negative zero, as JSON writes it', -0, '0'],
    ['NaN is NULL, as JSON writes it', Number.NaN, '\\N'],
    ['Infinity is NULL', Number.POSITIVE_INFINITY, '\\N'],
    ['true', true, 't'],
    ['false', false, 'f'],
    ['date', new Date('2026-12-01T10:00:00.000Z'), '2026-12-01T10:00:00.000Z'],
    ['invalid date is NULL', new Date(Number.NaN), '\\N'],
    ['object as JSON, escaped', { city: 'Lyon\tEst', 'branch\u0000': 'a\\b\u0000' }, '{"city":"Lyon\\\\tEst","branch":"a\\\\\\\\b"}'],
    ['array as JSON', ['a', 1], '["a",1]'],
  ])('%s', (_name, value, expected) => {
    expect(copyField(value)).toBe(expected);
  });
});

describe('copyLine', () => {
  it('writes the fields in the columns order, tab-separated, newline-ended', () => {
    expect(copyLine({ id: 'v1', nps: null, text: 'two\nlines' }, ['text', 'id', 'nps'])).toBe('two\\nlines\tv1\t\\N\n');
  });
});
