/**
 * PII redaction, pure text in and out: applied at ingest by imports/ and scrapers/
 * (so what is stored is redacted) and again as a pipeline stage (pipe mode reads raw JSONL).
 */

/** Kinds of personal data redaction knows. */
export const PII_KINDS = ['email', 'iban', 'card', 'phone'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface RedactionOptions {
  /** Which kinds to redact (default: all). */
  readonly kinds?: readonly PiiKind[];
}

const TOKENS: Readonly<Record<PiiKind, string>> = { email: '[EMAIL]', iban: '[IBAN]', card: '[CARD]', phone: '[PHONE]' };

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Two letters, two check digits, then 11–30 alphanumerics, optionally grouped by spaces.
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
// 13–19 digits, optionally grouped by spaces or dashes.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// French numbers (0X XX XX XX XX, +33 X XX …) and other international numbers with a + prefix.
const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d(?:[ .-]?\d{2}){4}|0[1-9](?:[ .-]?\d{2}){4}|(?:\+|00)\d{1,3}(?:[ .-]?\d{2,4}){3,4})(?![\p{L}\p{N}])/gu;

/**
 * Replaces personal data with tokens: emails, IBANs (mod-97 checked), card numbers
 * (Luhn checked, so order numbers stay) and phone numbers.
 *
 * @example redactPii('call me on 06 12 34 56 78') // 'call me on [PHONE]'
 */
export function redactPii(text: string, options: RedactionOptions = {}): string {
  const kinds = new Set(options.kinds ?? PII_KINDS);
  let out = text;
  if (kinds.has('email')) out = out.replace(EMAIL, TOKENS.email);
  if (kinds.has('iban')) out = out.replace(IBAN, (match) => (isValidIban(match) ? TOKENS.iban : match));
  if (kinds.has('card')) out = out.replace(CARD, (match) => (passesLuhn(match) ? TOKENS.card : match));
  if (kinds.has('phone')) out = out.replace(PHONE, TOKENS.phone);
  return out;
}

/** Whether `candidate` (spaces allowed) is an IBAN whose mod-97 check holds: other letter-digit runs stay. */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '');
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Whether `candidate` (spaces or dashes allowed) passes the Luhn check of card numbers: order numbers mostly do not. */
export function passesLuhn(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
