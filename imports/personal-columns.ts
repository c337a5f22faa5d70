import { authorKey, type AuthorSecret } from '../core/author-key.js';
import { InputError } from '../core/errors.js';
import { redactPii } from '../core/redact-pii.js';
import type { Respondent } from '../core/vocabulary.js';
import { foldHeader } from './column-mapping.js';
import { prepended } from './prepended.js';
import type { RawRow } from './raw-rows.js';

/** What identifies a person in a survey export, most reliable first: the author key is made from the first one filled. */
export const IDENTITY_KINDS = ['email', 'customer_id', 'phone', 'name'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Folded header words, per kind. Matched as whole words anywhere in the header (`customer_email`, `Nom du client`). */
const IDENTITY_HEADERS: Readonly<Record<IdentityKind, RegExp>> = {
  email: /\b(e ?mail|email address|courriel|mail|adresse (e )?mail)\b/,
  customer_id:
    /\b((customer|client|account|member|user|contract|contrat|adherent|abonne|employee|employe) ?(id|number|no|num|nr|code|ref|matricule)|(numero|num|no|n|id|code|ref|reference|matricule) (de l |de |du |d )?(client|compte|contrat|adherent|abonne|membre|employee|employe)|external (data )?(reference|ref|id)|matricule|customer|client|user)\b/,
  phone: /\b(phone|telephone|tel|mobile|portable|gsm|cell|cellphone|phone number)\b/,
  name: /\b(name|nom|prenom|first name|last name|surname|full name|author|auteur)\b/,
};

/**
 * A person's own identifier in an employee file (`Employee ID`, `Nom de l'employé`, `Matricule employé`):
 * identity always, though `employee` alone names staff in {@link NOT_A_RESPONDENT}.
 */
const EMPLOYEE_IDENTITY =
  /\b(employee|employe) (name|nom|prenom|first name|last name|full name|id|e ?mail|mail|courriel|number|no|num|nr|matricule|code|phone|telephone)\b|\b(name|nom|prenom|id|e ?mail|mail|numero|num|no|matricule|code|telephone) (de l |de |du |d )?(employee|employe)\b/;

/** Headers that name a thing or a staff member, not the respondent (`nom du produit`, `advisor name`): not identity by header. */
const NOT_A_RESPONDENT = /\b(product|produit|agence|branch|store|magasin|boutique|company|societe|entreprise|team|equipe|site|city|ville|offre|offer|campaign|campagne|survey|enquete|source|app|application|country|pays|street|rue|file|fichier|advisor|conseiller|agent|employee|employe|manager|vendeur|seller|staff|type|segment|channel|canal)\b/;

/**
 * Personal data that is not an identity: kept out of the record, never keyed (many people share a
 * birthday or an IP address, so keying them would merge different people under one author).
 */
export const PERSONAL_KINDS = ['birth_date', 'ip_address'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];
const PERSONAL_HEADERS: Readonly<Record<PersonalKind, RegExp>> = {
  birth_date: /\b(date of birth|dob|birth ?date|birthday|date de naissance|naissance)\b/,
  ip_address: /\b(ip|ip ?address|adresse ip)\b/,
};

/** How many rows are looked at to recognise identity by content. */
export const CONTENT_SAMPLE_ROWS = 50;

/** A whole cell that is an e-mail address (bounded: candidates are at most 320 characters). */
const EMAIL_VALUE = /^[^\s@]{1,64}@[^\s@]{1,251}\.[^\s@.]{2,63}$/;
/** A whole cell made of what phone numbers are written with: `+`, digits, spaces, dots, dashes, brackets. */
const PHONE_VALUE = /^\+?[\d\s().-]{8,24}$/;

/** The kind of personal data a single cell is, by its content alone (names cannot be told by content). */
export function personalValueKind(value: unknown): 'email' | 'phone' | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (text.length > 320 || text === '') return undefined;
  if (EMAIL_VALUE.test(text)) return 'email';
  // A whole cell the redactor reads as one phone number: one definition of a phone for columns and texts.
  if (PHONE_VALUE.test(text) && redactPii(text, { kinds: ['phone'] }) === '[PHONE]') return 'phone';
  return undefined;
}

/** The identity kind a header names, if any. */
export function identityKindOfHeader(header: string, respondent: Respondent = 'customer'): IdentityKind | undefined {
  const folded = foldHeaderWords(header);
  // `Employee ID` is the respondent in an employee survey, but in a customer survey it names the
  // advisor who served them: a segment (team and advisor views), never the customer's key.
  if (NOT_A_RESPONDENT.test(folded) && !(respondent === 'employee' && EMPLOYEE_IDENTITY.test(folded))) return undefined;
  // A name word wins over a bare `client`/`customer` (`Nom du client` is a name, `Numéro client` a customer number).
  const order: readonly IdentityKind[] = ['email', 'phone', 'name', 'customer_id'];
  return order.find((kind) => IDENTITY_HEADERS[kind].test(folded));
}

/** The personal, non-identity kind a header names (`date of birth`, Qualtrics `IPAddress`), if any. */
export function personalKindOfHeader(header: string): PersonalKind | undefined {
  const folded = foldHeaderWords(header);
  return PERSONAL_KINDS.find((kind) => PERSONAL_HEADERS[kind].test(folded));
}

/** A header folded with CamelCase words apart first (`RecipientFirstName`, `IPAddress`), as survey tools write them. */
function foldHeaderWords(header: string): string {
  return foldHeader(header.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2'));
}

/** What `--identity` and `--pii` say, and the secret the author key is made with. */
export interface PersonalColumnOptions {
  /** Columns that identify the respondent (`--identity COLUMN`), in priority order. */
  readonly identity?: readonly string[];
  /** Columns of personal data that are not an identity (`--pii COLUMN`): never stored. */
  readonly pii?: readonly string[];
  /** The installation's author-key secret; without it, no author key is made (identity columns are still never stored). */
  readonly secret?: AuthorSecret;
  /** Who answered the file (`--respondent`, default customer): an employee's own id is an identity only in an employee file. */
  readonly respondent?: Respondent;
}

/** Which columns are identity (keyed into `author_key`, in order) and which are kept out of the record. */
export interface PersonalColumnPlan {
  readonly identity: readonly string[];
  /** Every column never stored in clear: identity and personal data. */
  readonly personal: ReadonlySet<string>;
  /** One line per column kept out, for the import's warnings. */
  readonly notes: readonly { readonly line: number; readonly field: string; readonly message: string }[];
  /** The rows, the sampled ones first. */
  readonly rows: AsyncIterable<RawRow>;
}

/**
 * Recognises the columns that hold personal data: by `--identity`/`--pii`, by header
 * (e-mail, phone, name, customer number; date of birth and IP address kept out but never keyed)
 * and by content (most of the first {@link CONTENT_SAMPLE_ROWS} values of a column are e-mails or phone numbers).
 * `author` is the column mapped to the author field (`--map author=` or a known header), if any.
 */
export async function planPersonalColumns(
  columns: readonly string[],
  rows: AsyncIterable<RawRow>,
  mapped: { readonly author?: string | undefined; readonly fieldColumns: ReadonlySet<string> },
  options: PersonalColumnOptions,
  file: string,
): Promise<PersonalColumnPlan> {
  for (const column of [...(options.identity ?? []), ...(options.pii ?? [])]) {
    if (!columns.includes(column)) {
      throw new InputError(`--identity/--pii ${column}: no column \`${column}\` (columns: ${columns.join(', ')})`, { file, field: column });
    }
  }
  const { sample, rest } = await peek(rows, CONTENT_SAMPLE_ROWS);
  const byKind = new Map<IdentityKind, string[]>(IDENTITY_KINDS.map((kind) => [kind, []]));
  const notes: { line: number; field: string; message: string }[] = [];
  const pii = new Set(options.pii ?? []);
  const personalByHeader = new Map<string, PersonalKind>();
  for (const column of columns) {
    if (column === '' || pii.has(column) || (options.identity ?? []).includes(column) || column === mapped.author) continue;
    if (mapped.fieldColumns.has(column)) continue;
    const kind = identityKindOfHeader(column, options.respondent);
    const personalKind = kind === undefined ? personalKindOfHeader(column) : undefined;
    if (personalKind !== undefined) personalByHeader.set(column, personalKind);
    else {
      const found = kind ?? kindByContent(column, sample);
      if (found !== undefined) byKind.get(found)?.push(column);
    }
  }
  const identity = [
    ...(mapped.author === undefined ? [] : [mapped.author]),
    ...(options.identity ?? []),
    ...IDENTITY_KINDS.flatMap((kind) => byKind.get(kind) ?? []),
  ].filter((column, index, all) => all.indexOf(column) === index && !pii.has(column));
  const personal = new Set([...identity, ...pii, ...personalByHeader.keys()]);
  for (const column of personal) {
    if (column === identity[0] && options.secret !== undefined) continue;
    const personalKind = personalByHeader.get(column);
    const why = pii.has(column)
      ? 'personal data (--pii)'
      : personalKind !== undefined
        ? `personal data (${personalKind.replace('_', ' ')})`
        : `identity (${describeKind(column, byKind)})`;
    const use = identity.includes(column) && options.secret !== undefined ? 'keyed into the author key when the columns before it are empty' : 'not stored';
    notes.push({ line: 1, field: column, message: `column \`${column}\` holds ${why}: kept out of segments, ${use}` });
  }
  return { identity, personal, notes, rows: rest };
}

/** The author key of one row: the keyed hash of its first filled identity cell, or null. */
export function rowAuthorKey(cells: Readonly<Record<string, unknown>>, identity: readonly string[], secret: AuthorSecret | undefined): string | null {
  if (secret === undefined) return null;
  for (const column of identity) {
    const value = cells[column];
    if (value != null && String(value).trim() !== '') return authorKey(String(value), secret);
  }
  return null;
}

/**
 * Watches segment values row by row: a column whose value turns out to be an e-mail
 * or a phone number after the sample is refused as a segment from then on, with
 * one warning naming it (the value itself is never stored).
 */
export class SegmentGuard {
  readonly #refused = new Set<string>();

  /** Whether the value may be stored; `warn` is called once per refused column. */
  admit(column: string, value: unknown, warn: (message: string) => void): boolean {
    if (this.#refused.has(column)) return false;
    const kind = personalValueKind(value);
    if (kind === undefined) return true;
    this.#refused.add(column);
    warn(`column \`${column}\` holds personal data (${kind === 'email' ? 'an e-mail address' : 'a phone number'}): refused as a segment from this row on, value not stored`);
    return false;
  }
}

/**
 * How phone numbers start, so dates (`2026-03-01`), amounts and order numbers are not
 * taken for one: `+` or `00` and a country code, a national `0` and 9–10 more digits
 * (FR, UK), or a bracketed US area code.
 */
function kindByContent(column: string, sample: readonly RawRow[]): 'email' | 'phone' | undefined {
  const counts = { email: 0, phone: 0, filled: 0 };
  for (const row of sample) {
    if (row.kind !== 'row') continue;
    const value = row.cells[column];
    if (value == null || String(value).trim() === '') continue;
    counts.filled += 1;
    const kind = personalValueKind(value);
    if (kind !== undefined) counts[kind] += 1;
  }
  if (counts.filled === 0) return undefined;
  if (counts.email * 2 > counts.filled) return 'email';
  if (counts.phone * 2 > counts.filled) return 'phone';
  return undefined;
}

function describeKind(column: string, byKind: ReadonlyMap<IdentityKind, readonly string[]>): string {
  for (const [kind, list] of byKind) if (list.includes(column)) return kind.replace('_', ' ');
  return 'given with --identity or --map author';
}

/** The first `count` rows read ahead, and all rows again (those first). */
async function peek(rows: AsyncIterable<RawRow>, count: number): Promise<{ sample: RawRow[]; rest: AsyncIterable<RawRow> }> {
  const iterator = rows[Symbol.asyncIterator]();
  const sample: RawRow[] = [];
  let done = false;
  while (sample.length < count) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    sample.push(next.value);
  }
  return { sample, rest: prepended(sample, done ? undefined : iterator) };
}
