import type { NpsSummary } from './nps.js';
import type { SideValence } from './moment-matrix.js';

/** Employee groups smaller than this show no score (default of `minGroup`). */
export const DEFAULT_MIN_GROUP = 5;

/** The floor cannot be set lower: a group of two lets each member read the other's score. */
export const LOWEST_MIN_GROUP = 3;

/**
 * Checks an anonymity floor given by a user (report option, `VERBATIM_MIN_GROUP`).
 *
 * @example validateMinGroup(5) // 5
 * @example validateMinGroup(2) // throws RangeError
 */
export function validateMinGroup(value: number, name = 'minGroup'): number {
  if (!Number.isInteger(value) || value < LOWEST_MIN_GROUP) {
    throw new RangeError(`Expected \`${name}\` to be a whole number from ${LOWEST_MIN_GROUP} and up, got \`${value}\` (${typeof value})`);
  }
  return value;
}

/**
 * Whether an employee group of `n` answers is shown neither as a score nor answer by
 * answer: some answers, fewer than the floor. An empty group tells nothing.
 *
 * @example belowFloor(2, 5) // true
 */
export function belowFloor(n: number, minGroup: number): boolean {
  return n > 0 && n < minGroup;
}

/** What a withheld figure says instead of a score. */
export function withheldNote(minGroup: number): string {
  return `fewer than ${minGroup} answers`;
}

/**
 * An employee group's NPS, withheld below the floor: no score, no interval and no
 * counts by category (with n = 2 they would tell each person's answer), only n and
 * `withheld`. `minGroup` undefined: a customer group, shown as it is.
 *
 * @example floorNps(npsOf({ promoters: 1, passives: 0, detractors: 1 }), 5) // { score: null, n: 2, withheld: 'fewer than 5 answers', … }
 */
export function floorNps(nps: NpsSummary, minGroup: number | undefined): NpsSummary {
  if (minGroup === undefined || !belowFloor(nps.n, minGroup)) return nps;
  return { promoters: 0, passives: 0, detractors: 0, n: nps.n, score: null, ci95: null, withheld: withheldNote(minGroup) };
}

/** The employee side of a journey moment, its valence withheld below the floor (no signal then). */
export function floorSide(side: SideValence, minGroup: number): SideValence {
  if (!belowFloor(side.n, minGroup)) return side;
  return { n: side.n, positive: 0, negative: 0, valence: null, signal: 'none', withheld: withheldNote(minGroup) };
}
