/**
 * The most characters of a text the models read. Far above any survey answer or review (a long
 * complaint letter is ~5,000), it bounds the work one verbatim can cost: a 5 MB paste costs what
 * its first 20,000 characters cost, whatever it is made of.
 */
export const MAX_MODEL_TEXT = 20_000;

/** How far back from the window's end a sentence end (else a space) is looked for, so the last clause read is whole. */
const SENTENCE_LOOKBACK = 2_000;

/**
 * The start of a normalised text the models read: the whole text when it fits, else cut at the last
 * sentence end (or space) near the window's end, so an e-mail or phone number is not cut in two for
 * redaction to miss, and never inside a surrogate pair.
 *
 * @example modelWindow('short text') // 'short text'
 */
export function modelWindow(text: string): string {
  if (text.length <= MAX_MODEL_TEXT) return text;
  let cut = lastSentenceEnd(text, MAX_MODEL_TEXT, MAX_MODEL_TEXT - SENTENCE_LOOKBACK);
  if (cut === undefined) {
    // Without a space near the end (a script written without spaces, a pasted blob), at the window itself.
    const space = text.lastIndexOf(' ', MAX_MODEL_TEXT - 1);
    cut = space > MAX_MODEL_TEXT - SENTENCE_LOOKBACK ? space : MAX_MODEL_TEXT;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).trimEnd();
}

/** The index just after the last ". ", "! " or "? " ending at or before `end`, not before `floor`. */
function lastSentenceEnd(text: string, end: number, floor: number): number | undefined {
  for (let at = end - 1; at > floor; at--) {
    const char = text.charCodeAt(at - 1);
    if (text.charCodeAt(at) === 32 && (char === 46 || char === 33 || char === 63)) return at;
  }
  return undefined;
}
