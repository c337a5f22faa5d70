/**
 * One expression that matches wherever any of `patterns` does: `(?:a)|(?:b)|…`. Testing it first lets a
 * text that matches none (most of them) be read once instead of once per pattern. Undefined when the
 * patterns cannot be joined without changing what each means: different flags, `g` or `y` (their
 * `lastIndex` is state), or back-references (their group numbers would shift).
 *
 * @example anyOfPatterns([/\bnul\b/, /\bjamais\b/])?.test('service nul') // true
 */
export function anyOfPatterns(patterns: readonly RegExp[]): RegExp | undefined {
  const flags = patterns[0]?.flags;
  if (flags === undefined || /[gy]/.test(flags) || patterns.some((pattern) => pattern.flags !== flags || BACK_REFERENCE.test(pattern.source))) return undefined;
  try {
    return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), flags);
  } catch {
    return undefined; // e.g. the same group name in two patterns
  }
}

/** `\1`…`\9` or `\k<name>` (conservative: an escaped backslash before a digit also says no). */
const BACK_REFERENCE = /\\[1-9k]/;
