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
});
