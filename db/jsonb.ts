/** The string without NUL characters, which PostgreSQL `text` cannot hold. */
export function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/**
 * `JSON.stringify` for a `jsonb` value: PostgreSQL rejects `\u0000` in jsonb
 * text as it rejects NUL in `text`, so NUL characters are dropped from strings and keys.
 */
export function jsonWithoutNul(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'string') return withoutNul(inner);
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner).map(([key, item]) => [withoutNul(key), item]));
    }
    return inner;
  });
}
