/** Lower case without accents, so "Très", "tres" and "TRES" meet in one lexicon entry. */
export function fold(text: string): string {
  // Lower-case ASCII (most tokens, since callers often fold folded text) is its own fold: no new string.
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0x41 && (code <= 0x5a || code >= 0x80)) return stripAccents(text).toLowerCase();
  }
  return text;
}

/** The text without its accents (combining marks), case kept: "Très" → "Tres". */
export function stripAccents(text: string): string {
  const n = text.length;
  let at = 0;
  // Most comments are mostly ASCII: nothing to strip up to the first other character.
  while (at < n && text.charCodeAt(at) < 0x80) at++;
  if (at === n) return text;
  // Latin letters and common punctuation by table; anything else (emoji, other scripts, a lone combining mark) the full way.
  let stripped = '';
  let from = 0;
  for (; at < n; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x80) continue;
    const plain = code < TABLE_END ? STRIPPED[code] : undefined;
    if (plain === undefined) return slowStripAccents(text);
    if (plain.length === 1 && plain.charCodeAt(0) === code) continue;
    stripped += text.slice(from, at) + plain;
    from = at + 1;
  }
  return from === 0 ? text : stripped + text.slice(from);
}

/** The definition: canonical decomposition (NFD), then every combining mark removed. */
export function slowStripAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}

const COMBINING_MARKS = /\p{M}/gu;

/** Characters below this have a table entry when they can be stripped one by one. */
const TABLE_END = 0x2070;

/**
 * Each character's stripped form, when stripping it alone is the same as stripping it inside any
 * text of such characters: its decomposition is the character itself, or letters of ASCII followed
 * by combining marks only (marks that canonical reordering may move, but that are all removed).
 * Latin-1, Latin Extended-A/B and general punctuation (’ « » … –); the rest is left to `slowStripAccents`.
 */
const STRIPPED: readonly (string | undefined)[] = (() => {
  const table: (string | undefined)[] = [];
  const ranges: readonly (readonly [number, number])[] = [
    [0x80, 0x250],
    [0x2000, TABLE_END],
  ];
  for (const [start, end] of ranges) {
    for (let code = start; code < end; code++) {
      const char = String.fromCharCode(code);
      if (/\p{M}|\p{Cs}/u.test(char)) continue;
      const decomposed = char.normalize('NFD');
      const plain = decomposed.replace(COMBINING_MARKS, '');
      const marksOnlyAfter = decomposed.startsWith(plain) && !/[^\p{M}]/u.test(decomposed.slice(plain.length));
      if (decomposed === char || (marksOnlyAfter && /^[\x00-\x7f]+$/.test(plain))) table[code] = plain;
    }
  }
  return table;
})();
