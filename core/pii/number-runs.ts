import { CARD_LENGTHS, isCardNumber } from './card.js';
import { isValidNir } from './nir.js';
import { isPhoneNumber, type PhoneGroup } from './phone.js';
import { allMatches, charAt, hasAsciiDigit, isWordChar, type Span } from './text-spans.js';

/** The kinds of personal data written as digit groups. */
export type NumberKind = 'nir' | 'card' | 'phone';

/** A digit group of a run as written: "06", "(0)", "(212)". */
interface DigitGroup extends PhoneGroup {
  readonly start: number;
  readonly end: number;
}

// A run of digit groups joined by up to three spaces, dots or dashes (or nothing around a "(…)" group).
// Each group and separator class is disjoint from its neighbour, so a run is matched once, left to right.
const RUN = /(?<![\p{L}\p{N}\p{M}_+])\+?(?:\(\d{1,5}\)|\d+)(?:(?:[ .\-\u00a0\u202f]{1,3}|(?<=\))|(?=\())(?:\(\d{1,5}\)|\d+))*/gu;
/** Longest span of groups a number may take: 19 digits at one digit a group, plus a little. */
const MAX_GROUPS = 20;

/**
 * NIRs, card numbers and phone numbers, in linear time: each run of digit groups is read once, and
 * a candidate starts and ends on whole groups (so "4111 1111 1111 1111 12/27" keeps "12/27" and an
 * order number is never cut in two). The first matching kind wins, in the order NIR, card, phone.
 */
export function findNumbers(text: string, kinds: ReadonlySet<NumberKind>): Array<Span & { kind: NumberKind }> {
  const spans: Array<Span & { kind: NumberKind }> = [];
  if (!hasAsciiDigit(text)) return spans;
  for (const run of allMatches(RUN, text)) {
    const plus = run[0].startsWith('+');
    const groups = splitGroups(run[0], run.index);
    // Digits of the whole run and where each group's start in them, so a candidate's digits are one slice.
    const digits = groups.map((group) => group.digits).join('');
    const offsets: number[] = [];
    for (let k = 0, at = 0; k < groups.length; at += groups[k]?.digits.length ?? 0, k++) offsets.push(at);
    const digitsOf = (from: number, to: number): string => digits.slice(offsets[from] ?? 0, (offsets[to] ?? 0) + (groups[to]?.digits.length ?? 0));
    // A run glued to a letter ("78abc") or to decimals ("1 250,00") cannot end on its last group.
    const next = charAt(text, run.index + run[0].length);
    const glued = isWordChar(next) || (next === ',' && /\d/.test(text.charAt(run.index + run[0].length + 1)));
    const usable = glued ? groups.length - 1 : groups.length;
    let i = 0;
    while (i < usable) {
      const found = matchAt(groups, i, usable, plus && i === 0, kinds, digitsOf);
      if (found === undefined) {
        i++;
        continue;
      }
      const first = groups[i];
      const last = groups[found.last];
      if (first !== undefined && last !== undefined) spans.push({ start: first.start - (plus && i === 0 ? 1 : 0), end: last.end, kind: found.kind });
      i = found.last + 1;
    }
  }
  return spans;
}

function splitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let i = 0;
  // The separator before each group ("" at the start and around brackets), so a phone's can be compared.
  let before = 0;
  const separator = (at: number): string => (groups.length === 0 ? '' : run.slice(before, at));
  while (i < run.length) {
    const char = run.charAt(i);
    if (char === '(') {
      const close = run.indexOf(')', i);
      groups.push({ start: offset + i, end: offset + close + 1, digits: run.slice(i + 1, close), paren: true, before: separator(i) });
      i = close + 1;
      before = i;
    } else if (char >= '0' && char <= '9') {
      let end = i + 1;
      while (end < run.length && run.charAt(end) >= '0' && run.charAt(end) <= '9') end++;
      groups.push({ start: offset + i, end: offset + end, digits: run.slice(i, end), paren: false, before: separator(i) });
      i = end;
      before = i;
    } else {
      i++;
    }
  }
  return groups;
}

/** The kind and last group of the number starting at group `first`, if any. */
function matchAt(
  groups: readonly DigitGroup[],
  first: number,
  usable: number,
  international: boolean,
  kinds: ReadonlySet<NumberKind>,
  digitsOf: (from: number, to: number) => string,
): { kind: NumberKind; last: number } | undefined {
  // Group ends by digit count, over at most MAX_GROUPS groups and 19 digits.
  const endsByCount: number[] = [];
  // Cards are written in groups of 3 or more digits (4-4-4-4, 4-6-5): "14.00 18.00" pairs are not one.
  const cardEndsByCount: number[] = [];
  const ends: Array<{ last: number; count: number }> = [];
  let count = 0;
  let plain = true;
  let cardGroups = true;
  for (let last = first; last < usable && last < first + MAX_GROUPS; last++) {
    const group = groups[last];
    if (group === undefined) break;
    count += group.digits.length;
    if (count > 19) break;
    plain &&= !group.paren;
    if (plain) endsByCount[count] = last;
    cardGroups &&= plain && group.digits.length >= 3;
    if (cardGroups) cardEndsByCount[count] = last;
    ends.push({ last, count });
  }
  const digitsTo = (last: number): string => digitsOf(first, last);
  if (!international) {
    const nirEnd = endsByCount[15];
    if (kinds.has('nir') && nirEnd !== undefined && isValidNir(digitsTo(nirEnd))) return { kind: 'nir', last: nirEnd };
    if (kinds.has('card')) {
      for (const length of CARD_LENGTHS) {
        const end = cardEndsByCount[length];
        if (end !== undefined && isCardNumber(digitsTo(end))) return { kind: 'card', last: end };
      }
    }
  }
  // Digit counts a phone can have: national numbers have 9 (BE/CH 3-2-2-2) to 11, international ones 8 to 16 (+2 for "00").
  const phoneLength = (count: number): boolean =>
    international || groups[first]?.digits.startsWith('00') === true ? count >= 8 && count <= 18 : count >= 9 && count <= 11;
  if (kinds.has('phone')) {
    for (let k = ends.length - 1; k >= 0; k--) {
      const end = ends[k];
      if (end !== undefined && phoneLength(end.count) && isPhoneNumber(groups.slice(first, end.last + 1), international, digitsTo(end.last))) return { kind: 'phone', last: end.last };
    }
  }
  return undefined;
}
