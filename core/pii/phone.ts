/** Phone numbers: French, UK and US national forms, and any international form with `+` or `00`. */

/** Digit groups of a candidate as written ("(0)" and "(212)" are groups with `paren`), and the separator before each. */
export interface PhoneGroup {
  readonly digits: string;
  readonly paren: boolean;
  /** What is written between the previous group of the run and this one (" ", ".", " - ", ""). */
  readonly before?: string;
}

/**
 * How national numbers are grouped (digit counts per group, "(3)" a bracketed group): FR 2-2-2-2-2,
 * BE/CH 4-2-2-2, 3-3-2-2, 3-2-2-2, UK 5-6, 4-3-4, 3-4-4, 5-3-3, or all digits together. Any other
 * grouping is a date with a number after it ("05.03.2024 15": 2-2-4-2), opening hours, or a
 * stretch of a longer number ("1 85 05 78 006 084 36": 2-2-3-3 inside a NIR), not a phone.
 */
const NATIONAL_SHAPES = new Set(['10', '2-2-2-2-2', '4-2-2-2', '3-3-2-2', '3-2-2-2', '11', '5-6', '4-3-4', '3-4-4', '5-3-3', '(3)-4-4', '(5)-6', '(4)-3-4']);
const US_SHAPES = new Set(['3-3-4', '(3)-3-4']);

// National significant number lengths of common country codes; others take 6–12 digits.
const NSN_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  '1': [10], '7': [10], '33': [9], '44': [9, 10], '32': [8, 9], '41': [9], '34': [9], '31': [9], '39': [6, 7, 8, 9, 10, 11],
  '49': [6, 7, 8, 9, 10, 11, 12], '351': [9], '352': [6, 7, 8, 9, 10, 11], '353': [7, 8, 9], '212': [9], '213': [9], '216': [8],
  '61': [9], '262': [9], '590': [9], '594': [9], '596': [9], '377': [8, 9],
};
const DEFAULT_NSN = [6, 7, 8, 9, 10, 11, 12];
const TWO_DIGIT_CODES = new Set(['20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98']);

/**
 * Whether these groups (`international`: written after `+`) form one whole phone number.
 *
 * @example isPhoneNumber([{ digits: '06', paren: false }, …], false)
 */
export function isPhoneNumber(groups: readonly PhoneGroup[], international: boolean, digits = groups.map((group) => group.digits).join('')): boolean {
  if (international) return isInternational(digits, groups);
  if (groups[0]?.digits.startsWith('00') === true) return isInternational(digits.slice(2), groups);
  if (!sameSeparators(groups)) return false;
  if (digits.startsWith('0')) return digits.length >= 9 && digits.length <= 11 && digits[1] !== '0' && NATIONAL_SHAPES.has(shapeOf(groups));
  if (digits.length === 10 && /^[2-9]/.test(digits)) return US_SHAPES.has(shapeOf(groups));
  return digits.length === 11 && digits.startsWith('1') && shapeOf(groups) === '1-3-3-4';
}

/** Digit counts per group, "(3)" for a bracketed one: "06 12 34 56 78" is "2-2-2-2-2", "(212) 555-0123" "(3)-3-4". */
function shapeOf(groups: readonly PhoneGroup[]): string {
  return groups.map((group) => (group.paren ? `(${group.digits.length})` : String(group.digits.length))).join('-');
}

/**
 * Whether a national number is written with one separator throughout ("06.12.34.56.78"), the one after a
 * bracketed group aside ("(212) 555-0123"): opening hours mix them ("09.00-12.00 14.00").
 */
function sameSeparators(groups: readonly PhoneGroup[]): boolean {
  let seen: string | undefined;
  for (let k = 1; k < groups.length; k++) {
    if (groups[k - 1]?.paren === true) continue;
    const before = groups[k]?.before ?? ' ';
    if (seen !== undefined && before !== seen) return false;
    seen = before;
  }
  return true;
}

function isInternational(digits: string, groups: readonly PhoneGroup[]): boolean {
  if (digits.length < 8 || digits.length > 16 || digits.startsWith('0') || groups[0]?.paren === true) return false;
  const code = digits.startsWith('1') || digits.startsWith('7') ? digits.slice(0, 1) : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
  const national = digits.slice(code.length);
  const lengths = NSN_LENGTHS[code] ?? DEFAULT_NSN;
  // "+33 (0)6 …" and "+33 06 …": the national trunk 0 may stay.
  return lengths.includes(national.length) || (national.startsWith('0') && lengths.includes(national.length - 1));
}
