/** Lower case without accents, so "Très", "tres" and "TRES" meet in one lexicon entry. */
export function fold(text: string): string {
  // Most comments are mostly ASCII: skip the Unicode decomposition when there is nothing to strip.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return stripAccents(text).toLowerCase();
}

/** The text without its accents (combining marks), case kept: "Très" → "Tres". */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}/gu;
