/**
 * The same expression without the `u` flag, for texts on which the two provably agree. V8 runs
 * the taxonomy's `iu` patterns about five times slower than their `i` twins, and most texts
 * are Latin-1 plus punctuation and emoji far from any letter the patterns name.
 *
 * Why they agree: the twin is built only from sources whose every character is Latin-1 and
 * whose only escapes are `\b \d \D \s \S \w` and escaped ASCII punctuation (no `\p`, `\u{…}`,
 * `\W`, `\B`, back-references). Such a pattern reads a text character only through its
 * Latin-1 literals and classes, `\w`/`\b`, `\d`, `\s` and `.`; `readsAlikeWithoutUnicode`
 * allows no surrogate (`.` takes a pair whole only under `u`) and none of the few characters
 * that case-fold onto Latin-1 or `\w` in one mode only (ſ and the Kelvin sign match `s` and `k`
 * under `iu`, …). On every other character both modes decide alike (tests check both lists).
 */

/** Characters outside Latin-1 that match a Latin-1 character or `\w` case-insensitively in either mode, and all surrogates. */
const DIFFERS_WITHOUT_UNICODE = /[\u0178\u017f\u039c\u03bc\u1e9e\u212a\u212b\ud800-\udfff]/;

/** Escapes whose meaning is the same with and without `u` (in a Latin-1 text): classes and escaped ASCII punctuation. */
const ALIKE_ESCAPE = /^[bdDsSw^$\\.*+?()[\]{}|/-]$/;

/** The `u`-less twin of `pattern`, or undefined when its source may read differently without `u` (or it has no `u`). */
export function nonUnicodeTwin(pattern: RegExp): RegExp | undefined {
  if (!pattern.unicode || !sourceReadsAlike(pattern.source)) return undefined;
  try {
    return new RegExp(pattern.source, pattern.flags.replace('u', ''));
  } catch {
    return undefined;
  }
}

/** Whether a pattern and its `nonUnicodeTwin` give the same answer on `text`. */
export function readsAlikeWithoutUnicode(text: string): boolean {
  return !DIFFERS_WITHOUT_UNICODE.test(text);
}

function sourceReadsAlike(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    if (source.charCodeAt(i) > 0xff) return false;
    if (source[i] !== '\\') continue;
    i++;
    if (!ALIKE_ESCAPE.test(source[i] ?? '')) return false;
  }
  return true;
}
