import { allMatches, hasAsciiDigit, isWordChar, type Span } from './text-spans.js';

/**
 * IBANs in any case and spacing ("FR76 3000 …", "fr76-3000-…", "FR76.3000.…", double spaces), in
 * linear time: from each two letters + two digits, at most 34 characters are read, and the number
 * ends on a group boundary where the country's length and the mod-97 check hold — so "… 189 SVP"
 * leaves "SVP".
 */
export function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  if (!hasAsciiDigit(text)) return spans;
  for (const start of allMatches(START, text)) {
    const end = ibanEnd(text, start.index);
    if (end !== undefined) spans.push({ start: start.index, end });
  }
  return spans;
}

/** Whether `candidate` (spaces, dots or dashes allowed, any case) is an IBAN whose mod-97 check holds. */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/[ .\-\u00a0]/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length !== undefined && length !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const START = /(?<![\p{L}\p{N}\p{M}])[A-Za-z]{2}\d{2}/gu;
const SEPARATORS = ' .-\u00a0';
const isSeparator = (char: string): boolean => char !== '' && SEPARATORS.includes(char);
// Lengths of the IBAN countries customers of French and British firms write most.
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  FR: 27, MC: 27, DE: 22, GB: 22, IE: 22, BE: 16, NL: 18, LU: 20, CH: 21, LI: 21, ES: 24, IT: 27, PT: 25, AT: 20,
  DK: 18, FI: 18, SE: 24, NO: 15, PL: 28, GR: 27, RO: 24, CZ: 24, HU: 28, MA: 28, TN: 24, DZ: 26, SN: 28, CI: 28,
};

/** Where the IBAN starting at `start` ends (exclusive), trying group boundaries from the longest. */
function ibanEnd(text: string, start: number): number | undefined {
  const boundaries: Array<{ end: number; value: string }> = [];
  let value = '';
  let i = start;
  while (i < text.length && value.length < 34) {
    const char = text.charAt(i);
    if (/[A-Za-z0-9]/.test(char)) {
      value += char;
      i++;
      continue;
    }
    if (!isSeparator(char)) break;
    boundaries.push({ end: i, value });
    let gap = 0;
    while (gap < 2 && isSeparator(text.charAt(i))) {
      i++;
      gap++;
    }
    if (isSeparator(text.charAt(i)) || !/[A-Za-z0-9]/.test(text.charAt(i))) return longestValid(boundaries);
  }
  // The last group counts only when it ends the word (not "…189SVP", not cut at 34 characters).
  if (!isWordChar(text.charAt(i))) boundaries.push({ end: i, value });
  return longestValid(boundaries);
}

function longestValid(boundaries: ReadonlyArray<{ end: number; value: string }>): number | undefined {
  for (let k = boundaries.length - 1; k >= 0; k--) {
    const boundary = boundaries[k];
    if (boundary !== undefined && isValidIban(boundary.value)) return boundary.end;
  }
  return undefined;
}
