/**
 * PII redaction, pure text in and out: applied at ingest by imports/ and scrapers/
 * (so what is stored is redacted) and again as a pipeline stage (pipe mode reads raw JSONL).
 *
 * Every finder runs in time linear in the text (no regex with nested or overlapping unbounded
 * repetition; candidates are cut first and read over bounded windows), so a hostile multi-megabyte
 * comment costs what an ordinary one costs per character. The finders live in `core/pii/`.
 */
import { findAddresses } from './pii/address.js';
import { findEmails } from './pii/email.js';
import { findIbans } from './pii/iban.js';
import { findNames } from './pii/name.js';
import { findNumbers, type NumberKind } from './pii/number-runs.js';
import { replaceSpans } from './pii/text-spans.js';

export { isValidIban } from './pii/iban.js';
export { passesLuhn } from './pii/card.js';
export { isValidNir } from './pii/nir.js';

/** Kinds of personal data redaction knows. */
export const PII_KINDS = ['email', 'iban', 'card', 'phone', 'nir', 'address', 'name'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface RedactionOptions {
  /** Which kinds to redact (default: all). */
  readonly kinds?: readonly PiiKind[];
}

const TOKENS: Readonly<Record<PiiKind, string>> = {
  email: '[EMAIL]',
  iban: '[IBAN]',
  card: '[CARD]',
  phone: '[PHONE]',
  nir: '[NIR]',
  address: '[ADDRESS]',
  name: '[NAME]',
};
const NUMBER_KINDS: readonly NumberKind[] = ['nir', 'card', 'phone'];
// The default (every kind) built once: redaction runs on every text and segment value imported.
const ALL_KINDS: ReadonlySet<PiiKind> = new Set(PII_KINDS);
const ALL_NUMBER_KINDS = numberKindsOf(ALL_KINDS);

function numberKindsOf(kinds: ReadonlySet<PiiKind>): ReadonlySet<NumberKind> {
  return new Set(NUMBER_KINDS.filter((kind) => kinds.has(kind)));
}

/**
 * Replaces personal data with tokens: e-mails (obfuscated ones too), IBANs (mod-97 checked), NIRs
 * (key checked), card numbers (Luhn checked, so order numbers stay), phone numbers, postal addresses
 * and names ("je m'appelle …"/"my name is …", "Nom : …", a title such as Mme or Mr before a capitalised word, a closing signature). E-mails go first, so a number inside one is not
 * read as a phone; names go last, so "my name is Jean, 06 12 …" loses both.
 *
 * @example redactPii('call me on 06 12 34 56 78') // 'call me on [PHONE]'
 */
export function redactPii(text: string, options: RedactionOptions = {}): string {
  const kinds = options.kinds === undefined ? ALL_KINDS : new Set<PiiKind>(options.kinds);
  const numberKinds = options.kinds === undefined ? ALL_NUMBER_KINDS : numberKindsOf(kinds);
  let out = text;
  if (kinds.has('email')) out = replaceSpans(out, findEmails(out), TOKENS.email);
  if (kinds.has('iban')) out = replaceSpans(out, findIbans(out), TOKENS.iban);
  if (numberKinds.size > 0) out = replaceSpans(out, findNumbers(out, numberKinds), (span) => TOKENS[span.kind]);
  if (kinds.has('address')) out = replaceSpans(out, findAddresses(out), TOKENS.address);
  if (kinds.has('name')) out = replaceSpans(out, findNames(out), TOKENS.name);
  return out;
}
