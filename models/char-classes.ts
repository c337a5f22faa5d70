/** Bits of a character's class, as the tokenizer's pattern reads them. */
export const LETTER = 1;
export const NUMBER = 2;
export const LETTER_OR_NUMBER = LETTER | NUMBER;
/** `\p{Extended_Pictographic}` except ©, ® and ™ (the emoji a tokenizer keeps). */
export const PICTOGRAPH = 4;

const UNKNOWN = 0xff;

/** Classes of the 65,536 UTF-16 code units, each worked out by the Unicode property escapes on first sight. */
const BMP = new Uint8Array(0x10000).fill(UNKNOWN);
/** Classes of code points beyond the BMP (emoji, rare scripts); few distinct ones occur. */
const ASTRAL = new Map<number, number>();

/**
 * The class of the code point at `at` (a surrogate pair read as one code point, a lone
 * surrogate as itself): `LETTER`, `NUMBER`, `PICTOGRAPH` bits, 0 for anything else.
 *
 * @example charClassAt('é1', 0) === LETTER
 */
export function charClassAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let found = ASTRAL.get(point);
      if (found === undefined) ASTRAL.set(point, (found = classOf(String.fromCodePoint(point))));
      return found;
    }
  }
  let found = BMP[code] as number;
  if (found === UNKNOWN) BMP[code] = found = classOf(String.fromCharCode(code));
  return found;
}

function classOf(char: string): number {
  return (/^\p{L}$/u.test(char) ? LETTER : 0) | (/^\p{N}$/u.test(char) ? NUMBER : 0) | (/^(?![©®™])\p{Extended_Pictographic}$/u.test(char) ? PICTOGRAPH : 0);
}

/** 2 for a surrogate pair at `at`, else 1: the code units one code point takes. */
export function codeUnitsAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 2;
  }
  return 1;
}
