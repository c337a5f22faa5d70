/** Spans of a text to replace, and the linear-time helpers the PII finders share. */

/** A half-open range `[start, end)` of code units in a text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Replaces every span by `token` (or the token it gives for the span) in one pass; overlapping
 * spans merge into the first one's token.
 *
 * @example replaceSpans('a 06 b', [{ start: 2, end: 4 }], '[PHONE]') // 'a [PHONE] b'
 */
export function replaceSpans<S extends Span>(text: string, spans: readonly S[], token: string | ((span: S) => string)): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    if (span.end <= at) continue;
    out += text.slice(at, Math.max(at, span.start)) + (span.start >= at ? (typeof token === 'string' ? token : token(span)) : '');
    at = span.end;
  }
  return out + text.slice(at);
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** The code point ending just before `index` (surrogate pairs read whole), or '' at the start. */
export function charBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.charAt(index - 1);
}

/** The code point starting at `index` (surrogate pairs read whole), or '' at the end. */
export function charAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** Whether `char` is a letter, digit or combining mark: what glues a token to its neighbours. */
export function isWordChar(char: string): boolean {
  return char !== '' && WORD_CHAR.test(char);
}

/** Whether `char` is whitespace (the usual space, tab, line breaks and no-break spaces). */
export function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\u00a0' || char === '\u202f';
}

/**
 * The end of the run of characters matching `sticky` (a regex with the `y` flag) that starts at `index`;
 * `index` itself when none. Sticky matching is linear in the run it returns.
 */
export function runEnd(text: string, index: number, sticky: RegExp): number {
  sticky.lastIndex = index;
  const match = sticky.exec(text);
  return match === null ? index : index + match[0].length;
}
