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

/**
 * Every match of a global regex, left to right, as `String.prototype.matchAll` gives them, without
 * the copy of the regex `matchAll` makes on each call (most texts hold no match, so that copy was
 * the finders' main cost). `global` must have the `g` flag; its `lastIndex` is reset first.
 */
export function allMatches(global: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    matches.push(match);
    // An empty match would match again at the same place: step over it, a whole code point, as matchAll does.
    if (match[0] === '') global.lastIndex += (text.codePointAt(global.lastIndex) ?? 0) > 0xffff && global.unicode ? 2 : 1;
  }
  global.lastIndex = 0;
  return matches;
}

/** Whether the text holds an ASCII digit: what every finder of numbers (`\d`) needs before it can match. */
export function hasAsciiDigit(text: string): boolean {
  return ASCII_DIGIT.test(text);
}

const ASCII_DIGIT = /[0-9]/;

/**
 * {@link allMatches} of a regex that must start on a word boundary: what `(?<![\p{L}\p{N}\p{M}])` at the
 * head of the pattern says, checked here instead (V8 runs a leading lookbehind at every position, which
 * made the name finder twice as slow). A match that starts after a word character is dropped and the
 * search goes on from its next code point, as the regex with the lookbehind would: same matches.
 */
export function allMatchesAtWordStart(global: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    if (isWordChar(charBefore(text, match.index))) global.lastIndex = match.index + Math.max(1, charAt(text, match.index).length);
    else {
      matches.push(match);
      if (match[0] === '') global.lastIndex += Math.max(1, charAt(text, global.lastIndex).length);
    }
  }
  global.lastIndex = 0;
  return matches;
}
