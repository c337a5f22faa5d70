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
 * One spelling per identity: trimmed, NFKC, lower-case, inner spaces collapsed; an e-mail as the
 * bare address (`Jean <jean@x.fr>`, `mailto:jean@x.fr`); a phone number as `+` and digits, so
 * `06.12.34.56.78`, `+33 6 12 34 56 78`, `+33 (0)6 …`, `0033 06…` and `33612345678` are one person
 * (else `forget` misses them and a tombstone is bypassed).
 *
 * @example normalizeIdentity(' 06 12 34 56 78 ') // '+33612345678'
 */
export function normalizeIdentity(raw: string): string {
  const text = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  const address = MAILBOX.exec(text) ?? MAILTO.exec(text);
  if (address?.[1] !== undefined) return address[1];
  if (PHONE_TEXT.test(text)) return phoneIdentity(text) ?? text;
  return text;
}

/** `Name <addr>` (the display name may hold anything but brackets) and `mailto:addr?subject=…`. */
const MAILBOX = /^[^<>]*<\s?(?:mailto:)?([^<>\s@]+@[^<>\s@]+)\s?>$/;
const MAILTO = /^mailto:([^?\s@]+@[^?\s@]+)(?:\?.*)?$/;
const PHONE_TEXT = /^\+?[\d\s().-]{8,24}$/;
/** Country codes whose numbers are written with a national trunk 0 (`+33 06…` is `+33 6…`). */
const TRUNK_ZERO_CODES = /^(?:33|32|41|44|49|43|31|353|262|590|594|596|212|213|216)0(?=[1-9])/;

/** `+` and digits for a phone number, or undefined when too short to be one. */
function phoneIdentity(text: string): string | undefined {
  // "+33 (0)6", "+33 06", "0033 0 6": a trunk 0 written after a country code is not dialled.
  const international = /^(?:\+|00)/.test(text);
  const written = international ? text.replace('(0)', ' ').replace(/^((?:\+|00) ?\d{1,3})[ .-]+0(?=[ .-]?[1-9])/, '$1 ') : text;
  const digits = written.replace(/\D/g, '');
  if (digits.length < 8) return undefined;
  if (international) return `+${(text.startsWith('+') ? digits : digits.slice(2)).replace(TRUNK_ZERO_CODES, (code) => code.slice(0, -1))}`;
  // French national numbers have 10 digits, clearly-UK ones (07 mobiles, 01–03 geographic) 11: they cannot collide.
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^0[1237]\d{9}$/.test(digits)) return `+44${digits.slice(1)}`;
  // "33612345678": the French country code written without + or 00.
  if (/^330?[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(digits.length - 9)}`;
  return digits;
}

/** A short, non-secret fingerprint of the whole ring: how the database tells it was keyed with the same secret. */
export function secretFingerprint(secret: AuthorSecret): string {
  return authorKey('verbatim secret fingerprint', secret, 'fingerprint').slice(2, 18);
}

function hmacKey(secret: Uint8Array, value: string): string {
  return `a_${createHmac('sha256', secret).update(value).digest('hex').slice(0, 32)}`;
}

/** The scope of a review site's display names in author keys: what `forget` tries for every source. */
export function reviewKeyScope(source: string): string {
  return `review:${source}`;
}
