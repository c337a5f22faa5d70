import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorKey, isAuthorKey, normalizeIdentity, rekey, secretFingerprint, type AuthorSecret } from '../../core/author-key.js';

const secret = (byte: number, ...more: number[]): AuthorSecret => ({ ring: [byte, ...more].map((b) => Buffer.alloc(32, b)) });

describe('authorKey', () => {
  it('is the HMAC-SHA256 of the normalised identity under the secret, not a bare SHA-256', () => {
    const expected = `a_${createHmac('sha256', Buffer.alloc(32, 1)).update('\u0000jean.dupont@example.fr').digest('hex').slice(0, 32)}`;
    expect(authorKey(' Jean.Dupont@Example.fr ', secret(1))).toBe(expected);
    // What the old key was: anyone with a list of e-mails could recompute it.
    const unsalted = `a_${createHash('sha256').update('\u0000jean.dupont@example.fr').digest('hex').slice(0, 24)}`;
    expect(authorKey('jean.dupont@example.fr', secret(1))).not.toContain(unsalted.slice(2));
  });

  it('differs between two installations (two secrets) and between scopes', () => {
    expect(authorKey('jean.dupont@example.fr', secret(1))).not.toBe(authorKey('jean.dupont@example.fr', secret(2)));
    expect(authorKey('Claire M.', secret(1), 'review:a')).not.toBe(authorKey('Claire M.', secret(1), 'review:b'));
  });

  it('keeps a person on one key across a rotation: the key under a longer ring is the old key re-keyed', () => {
    const before = authorKey('06 12 34 56 78', secret(1));
    expect(authorKey('+33 6 12 34 56 78', secret(1, 9))).toBe(rekey(before, Buffer.alloc(32, 9)));
    expect(secretFingerprint(secret(1))).not.toBe(secretFingerprint(secret(1, 9)));
  });

  it('refuses an empty ring', () => {
    expect(() => authorKey('x', { ring: [] })).toThrow('Expected `secret.ring` to hold at least one key');
  });

  it('tells a stored key from an identity', () => {
    expect(isAuthorKey(authorKey('x', secret(1)))).toBe(true);
    expect(isAuthorKey('jean@example.fr')).toBe(false);
    expect(isAuthorKey('a_123')).toBe(false);
  });
});

describe('normalizeIdentity', () => {
  it.each([
    ['Jean.Dupont@Example.FR', 'jean.dupont@example.fr'],
    ['  jean.dupont@example.fr\t', 'jean.dupont@example.fr'],
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['(555) 123-4567', '5551234567'],
    ['C-000123', 'c-000123'],
    ['Jean   DUPONT', 'jean dupont'],
    ['ＪＥＡＮ', 'jean'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeIdentity(raw)).toBe(expected);
  });

  // Review: one phone or address written two ways got two keys, so `forget` missed and tombstones were bypassed.
  it.each([
    ['06 12 34 56 78', '+33 (0)6 12 34 56 78'],
    ['06 12 34 56 78', '+33 0612345678'],
    ['06 12 34 56 78', '+33 06 12 34 56 78'],
    ['06 12 34 56 78', '+330612345678'],
    ['06 12 34 56 78', '0033 0612345678'],
    ['06 12 34 56 78', '0033 (0)6 12 34 56 78'],
    ['06 12 34 56 78', '33612345678'],
    ['06 12 34 56 78', '33 6 12 34 56 78'],
    ['+44 20 7946 0958', '020 7946 0958'],
    ['+44 20 7946 0958', '+44 (0)20 7946 0958'],
    ['+44 20 7946 0958', '+44 020 7946 0958'],
    ['+44 7700 900123', '07700 900123'],
    ['+44 7700 900123', '0044 7700 900123'],
    ['+32 2 123 45 67', '+32 (0)2 123 45 67'],
    ['jean.dupont@example.fr', 'Jean Dupont <Jean.Dupont@example.fr>'],
    ['jean.dupont@example.fr', '"Dupont, Jean" <jean.dupont@example.fr>'],
    ['jean.dupont@example.fr', 'mailto:jean.dupont@example.fr'],
    ['jean.dupont@example.fr', 'MAILTO:Jean.Dupont@example.fr?subject=avis'],
    ['jean.dupont@example.fr', '<mailto:jean.dupont@example.fr>'],
  ])('%s and %s are one person: one key', (a, b) => {
    expect(normalizeIdentity(b)).toBe(normalizeIdentity(a));
    expect(authorKey(b, secret(1))).toBe(authorKey(a, secret(1)));
  });

  it.each([
    ['06 12 34 56 78', '06 12 34 56 79'],
    ['06 12 34 56 78', '+33 6 12 34 56 79'],
    ['06 12 34 56 78', '+44 6 12 34 56 78'],
    ['01 23 45 67 89', '+44 1234 567 89'],
    ['07700 900123', '+33 7 70 09 00 12'],
    ['020 7946 0958', '+33 2 07 94 60 95'],
    ['jean.dupont@example.fr', 'Jean Dupont <jean.dupond@example.fr>'],
    ['jean.dupont@example.fr', 'Jean Dupont'],
  ])('%s and %s are two people: two keys', (a, b) => {
    expect(authorKey(b, secret(1))).not.toBe(authorKey(a, secret(1)));
  });
});
