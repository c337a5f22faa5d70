import { createHmac } from 'node:crypto';

/**
 * The installation's author-key secret: a ring of 32-byte keys, oldest first.
 * One key after install; `verbatim secret rotate` appends one and re-keys what is
 * stored (see {@link rekey}), so a person's key stays the same across rotations
 * and no strict subset of the ring can recompute the stored keys.
 * Loaded by the CLI (db/installation-secret.ts); core/ never reads it from disk.
 */
export interface AuthorSecret {
  readonly ring: readonly Uint8Array[];
}

/** `a_` and 32 hex digits (128 bits of HMAC-SHA256): what `author_key` holds. */
const KEY_PATTERN = /^a_[0-9a-f]{32}$/;

/** Whether `value` is an author key as stored (so `forget --author` can take one as it is). */
export function isAuthorKey(value: string): boolean {
  return KEY_PATTERN.test(value.trim());
}

/**
 * Keyed pseudonym of a person (GDPR): HMAC-SHA256 under the installation's secret
 * of the normalised identity, so the same e-mail, phone or customer number always
 * gives the same key, and a list of e-mails without the secret gives nothing.
 * `scope` separates identities that name a person only within one place (a review
 * site's display name: `review:SOURCE`).
 *
 * @example authorKey('Jean.Dupont@example.fr', secret) === authorKey(' jean.dupont@example.fr', secret) // true
 */
export function authorKey(identity: string, secret: AuthorSecret, scope = ''): string {
  const [first, ...later] = secret.ring;
  if (first === undefined) throw new TypeError('Expected `secret.ring` to hold at least one key, got an empty ring');
  let key = hmacKey(first, `${scope}\u0000${normalizeIdentity(identity)}`);
  for (const next of later) key = rekey(key, next);
  return key;
}

/** A stored key under one more secret: what rotation applies to every stored key (and tombstone). */
export function rekey(storedKey: string, nextSecret: Uint8Array): string {
  return hmacKey(nextSecret, storedKey);
}

/**
 * One spelling per identity: trimmed, NFKC, lower-case, inner spaces collapsed; a phone
 * number as `+` and digits, French national numbers (`06 12 34 56 78`) as `+336…`,
 * so `06.12.34.56.78`, `+33 6 12 34 56 78` and `0033612345678` are one person.
 *
 * @example normalizeIdentity(' 06 12 34 56 78 ') // '+33612345678'
 */
export function normalizeIdentity(raw: string): string {
  const text = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\+?[\d\s().-]{8,24}$/.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 8) {
      if (text.startsWith('+')) return `+${digits}`;
      if (digits.startsWith('00')) return `+${digits.slice(2)}`;
      if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
      return digits;
    }
  }
  return text;
}

/** A short, non-secret fingerprint of the whole ring: how the database tells it was keyed with the same secret. */
export function secretFingerprint(secret: AuthorSecret): string {
  return authorKey('verbatim secret fingerprint', secret, 'fingerprint').slice(2, 18);
}

function hmacKey(secret: Uint8Array, value: string): string {
  return `a_${createHmac('sha256', secret).update(value).digest('hex').slice(0, 32)}`;
}
