import { describe, expect, it } from 'vitest';
import { jsonWithoutNul } from '../../db/jsonb.js';

/** What PostgreSQL's jsonb must get: the same value with every NUL character gone from strings and keys. */
function expectedWithoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '');
  if (Array.isArray(value)) return value.map(expectedWithoutNul);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replaceAll('\u0000', ''), expectedWithoutNul(item)]));
  }
  return value;
}

/** Strings drawn from the characters that matter: NUL, backslash, the letters of an escape, quotes. */
function randomString(random: () => number): string {
  const alphabet = ['\u0000', '\\', 'u', '0', '"', 'a', 'é', ' '];
  return Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('jsonWithoutNul', () => {
  it('drops NUL characters from strings and keys, nested in arrays and objects', () => {
    const json = jsonWithoutNul([{ text: 'a\u0000b', segments: { 'bra\u0000nch': 'Ly\u0000on' } }, ['\u0000']]);
    expect(JSON.parse(json)).toEqual([{ text: 'ab', segments: { branch: 'Lyon' } }, ['']]);
  });

  it('keeps a text that spells a backslash then "u0000" as it is', () => {
    const text = 'path C:\\u0000 and \\\\u0000';
    expect(JSON.parse(jsonWithoutNul({ text }))).toEqual({ text });
  });

  it('writes what JSON.stringify writes when there is no NUL, dates included', () => {
    const value = { id: 'v1', created_at: new Date(Date.UTC(2026, 0, 2)), nps: 7, rating: null, tags: ['a', 'b'] };
    expect(jsonWithoutNul(value)).toBe(JSON.stringify(value));
  });

  it('equals the value without NUL on random strings of NULs, backslashes and escape letters', () => {
    const random = seeded(7);
    for (let round = 0; round < 2_000; round++) {
      const value = { [randomString(random)]: randomString(random), list: [randomString(random), { [randomString(random)]: randomString(random) }] };
      expect(JSON.parse(jsonWithoutNul(value))).toEqual(expectedWithoutNul(value));
    }
  });
});
