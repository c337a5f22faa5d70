/**
 * PostgreSQL's `hashtext(text)` in TypeScript: `hash_any` (src/common/hashfn.c, Bob Jenkins'
 * lookup3 mix and final steps over the string's UTF-8 bytes, little-endian words, the low byte
 * of `c` left for the length) as the int4 it returns. The analytics replica's `sample_bucket`
 * is `hashtext(id) & (2^20 - 1)`; the import's replica feed (db/replica-feed.ts) computes it
 * here instead of asking the database. Written from the algorithm, checked against PostgreSQL
 * and PGlite on thousands of ids (tests/db/postgres-hashtext.test.ts).
 *
 * @example postgresHashtext('v_3f1c0a') & 0xfffff // the row's sample bucket
 */
export function postgresHashtext(text: string): number {
  return hashBytes(asciiOnly(text) ? asciiBytes(text) : Buffer.from(text, 'utf8'));
}

/** `hash_any` of `bytes`, as a signed 32-bit integer (PostgreSQL's int4). */
export function hashBytes(bytes: Uint8Array): number {
  let length = bytes.length;
  let a = (0x9e3779b9 + length + 3923095) | 0;
  let b = a;
  let c = a;
  let at = 0;
  while (length >= 12) {
    a = (a + word(bytes, at)) | 0;
    b = (b + word(bytes, at + 4)) | 0;
    c = (c + word(bytes, at + 8)) | 0;
    // mix(a, b, c)
    a = (a - c) | 0; a ^= rotate(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rotate(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rotate(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rotate(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rotate(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rotate(b, 4); b = (b + a) | 0;
    at += 12;
    length -= 12;
  }
  // The last 0–11 bytes: into c from its second byte (its first is the length's), b, then a.
  if (length >= 9) c = (c + tail(bytes, at + 8, length - 8, 8)) | 0;
  if (length >= 5) b = (b + tail(bytes, at + 4, Math.min(length - 4, 4), 0)) | 0;
  if (length >= 1) a = (a + tail(bytes, at, Math.min(length, 4), 0)) | 0;
  // final(a, b, c)
  c ^= b; c = (c - rotate(b, 14)) | 0;
  a ^= c; a = (a - rotate(c, 11)) | 0;
  b ^= a; b = (b - rotate(a, 25)) | 0;
  c ^= b; c = (c - rotate(b, 16)) | 0;
  a ^= c; a = (a - rotate(c, 4)) | 0;
  b ^= a; b = (b - rotate(a, 14)) | 0;
  c ^= b; c = (c - rotate(b, 24)) | 0;
  return c;
}

function rotate(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Four bytes from `at` as a little-endian word. */
function word(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) | 0;
}

/** `count` (1–4) bytes from `at` as a little-endian word, shifted left by `shift` bits. */
function tail(bytes: Uint8Array, at: number, count: number, shift: number): number {
  let value = 0;
  for (let i = 0; i < count; i += 1) value |= (bytes[at + i] as number) << (8 * i + shift);
  return value | 0;
}

function asciiOnly(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** An ASCII string's bytes without a Buffer (ids are ASCII: this runs once a stored row). */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}
