import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../pipeline/stages/normalize.js';

// Issue 14 item 5: `<\/?[a-z][^>]*>` rescanned an unclosed "<a<a<a…" from every '<' (quadratic).
describe('normalizeText on adversarial input', () => {
  it.each([
    ['unclosed tags', '<a'.repeat(500_000), '<a'.repeat(500_000)],
    ['spaces', `x${' '.repeat(1_000_000)}y`, 'x y'],
    ['entities without ;', '&amp'.repeat(250_000), '&amp'.repeat(250_000)],
  ])('%s: a megabyte finishes, whole', (_name, text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  }, 20_000);

  it.each([
    ['Très  bien<br/>merci', 'Très bien merci'],
    ['<p>ok</p> <b>top</b>', 'ok top'],
    ['a < b > c', 'a < b > c'],
  ])('%s', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });
});
