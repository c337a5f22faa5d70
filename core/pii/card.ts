/** Payment card numbers: 13–19 digits that pass the Luhn check (order numbers mostly do not). */

/** Whether `candidate` (spaces, dots or dashes allowed) passes the Luhn check of card numbers. */
export function passesLuhn(candidate: string): boolean {
  const digits = candidate.replace(/[ .-]/g, '');
  return digits.length >= 13 && digits.length <= 19 && /^\d+$/.test(digits) && luhn(digits);
}

/** Digit counts tried for a card, most common first, so "4111 1111 1111 1111 12/27" keeps its "12". */
export const CARD_LENGTHS = [16, 15, 19, 14, 13, 17, 18] as const;

/**
 * Whether these digits (digits only) are a card number: Luhn holds, they do not start with 0 (no card
 * is issued under that major industry identifier: "09.00 12.00 14.00" is opening hours) and they are
 * not one repeated digit ("0000 0000 …").
 */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || digits.startsWith('0') || !luhn(digits)) return false;
  for (let i = 1; i < digits.length; i++) if (digits.charCodeAt(i) !== digits.charCodeAt(0)) return true;
  return false;
}

/** The Luhn sum over a string of digits, by char codes: it runs for every candidate of a long digit run. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
