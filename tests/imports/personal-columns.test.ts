import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorKey } from '../../core/author-key.js';
import type { Verbatim } from '../../core/verbatim.js';
import type { ImportEvent } from '../../imports/import-file.js';
import { ingestSurveyFile } from '../../imports/ingest.js';
import { identityKindOfHeader, personalKindOfHeader, personalValueKind } from '../../imports/personal-columns.js';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { TEST_SECRET } from '../support/author-secret.js';
import { collect, surveyFolder } from './survey-files.js';

const folder = surveyFolder();
const fileWith = folder.write;

const verbatims = (events: readonly ImportEvent[]): Verbatim[] => events.flatMap((event) => (event.kind === 'record' ? [event.verbatim] : []));
const warnings = (events: readonly ImportEvent[]) => events.flatMap((event) => (event.kind === 'warning' ? [`${event.field ?? ''}: ${event.message}`] : []));

const SURVEY = [
  'respondent_id;date;score;commentaire;branch;customer_email;Téléphone;Nom du client;contact;remarque agent',
  'R1;02/03/2026;2;Frais trop élevés;Lyon;jean.dupont@example.fr;06 12 34 56 78;Jean Dupont;jean.d@perso.fr;rappeler au 07 11 22 33 44',
  'R2;03/03/2026;9;Très bien;Paris;marie.curie@example.fr;+33 6 98 76 54 32;Marie Curie;marie@perso.fr;RAS',
  'R3;14/03/2026;5;Attente;Paris;;06 55 44 33 22;Paul Martin;;écrire à paul@perso.fr',
].join('\n');
const CLEAR_VALUES = ['jean.dupont@example.fr', '06 12 34 56 78', 'Jean Dupont', 'jean.d@perso.fr', 'marie.curie', '98 76 54 32', 'Marie Curie', 'Paul Martin', '55 44 33 22', 'paul@perso.fr', '07 11 22 33 44'];

describe('identity and personal columns', () => {
  it('keys the e-mail column into the author key (HMAC) and keeps e-mail, phone and name columns out of the record', async () => {
    const file = await fileWith('survey.csv', SURVEY);
    const events = await collect(file, { secret: TEST_SECRET });
    const [jean, marie, paul] = verbatims(events);
    expect(jean?.authorKey).toBe(authorKey('jean.dupont@example.fr', TEST_SECRET));
    expect(marie?.authorKey).toBe(authorKey('marie.curie@example.fr', TEST_SECRET));
    // No e-mail on row 3: the next identity column filled (the phone) makes the key.
    expect(paul?.authorKey).toBe(authorKey('06 55 44 33 22', TEST_SECRET));
    expect(jean?.segments).toEqual({ branch: 'Lyon', remarque_agent: 'rappeler au 07 11 22 33 44' });
    expect(Object.keys(marie?.segments ?? {})).toEqual(['branch', 'remarque_agent']);
    const json = JSON.stringify(verbatims(events));
    for (const value of CLEAR_VALUES.filter((v) => v !== '07 11 22 33 44' && v !== 'paul@perso.fr')) expect(json).not.toContain(value);
    expect(warnings(events)).toEqual([
      'contact: column `contact` holds identity (email): kept out of segments, keyed into the author key when the columns before it are empty',
      'Téléphone: column `Téléphone` holds identity (phone): kept out of segments, keyed into the author key when the columns before it are empty',
      'Nom du client: column `Nom du client` holds identity (name): kept out of segments, keyed into the author key when the columns before it are empty',
    ]);
  });

  it('redacts the other free-text columns at ingest, as the comment: no clear value reaches the sink', async () => {
    const file = await fileWith('ingest.csv', SURVEY);
    const batches: Verbatim[] = [];
    const result = await ingestSurveyFile(file, { secret: TEST_SECRET }, async (batch) => {
      batches.push(...batch);
      return { inserted: batch.length, duplicates: 0 };
    }, () => undefined);
    expect(result.inserted).toBe(3);
    const json = JSON.stringify(batches);
    for (const value of CLEAR_VALUES) expect(json).not.toContain(value);
    expect(batches[0]?.segments['remarque_agent']).toBe('rappeler au [PHONE]');
  });

  it("keys the bundled sample's customer_email column instead of storing it as a segment", async () => {
    const events = await collect(path.join(PACKAGE_ROOT, 'samples', 'data', 'nps-survey-2026.csv'), { secret: TEST_SECRET });
    const all = verbatims(events);
    expect(all.length).toBeGreaterThan(200);
    expect(all.every((verbatim) => verbatim.authorKey !== null && !('customer_email' in verbatim.segments))).toBe(true);
    expect(JSON.stringify(all)).not.toContain('@example.');
    expect(warnings(events)).toEqual([]);
  });

  it('stores no author key and still no identity value without a secret', async () => {
    const events = await collect(await fileWith('nosecret.csv', SURVEY));
    expect(verbatims(events).map((verbatim) => verbatim.authorKey)).toEqual([null, null, null]);
    expect(JSON.stringify(verbatims(events))).not.toContain('jean.dupont@example.fr');
    expect(warnings(events)[0]).toBe('customer_email: column `customer_email` holds identity (email): kept out of segments, not stored');
  });

  it('takes --identity and --pii: the named columns are never stored, the first identity makes the key', async () => {
    const file = await fileWith('flags.csv', 'id;score;comment;ref_dossier;secu\n1;8;ok;DOS-001;1 84 12 75 123 456 78\n');
    const events = await collect(file, { secret: TEST_SECRET, identity: ['ref_dossier'], pii: ['secu'] });
    const [only] = verbatims(events);
    expect(only?.authorKey).toBe(authorKey('DOS-001', TEST_SECRET));
    expect(only?.segments).toEqual({});
    expect(warnings(events)).toEqual(['secu: column `secu` holds personal data (--pii): kept out of segments, not stored']);
  });

  it('names an --identity column that does not exist', async () => {
    const file = await fileWith('missing.csv', 'id;score;comment\n1;8;ok\n');
    await expect(collect(file, { identity: ['email'] })).rejects.toThrow('--identity/--pii email: no column `email` (columns: id, score, comment)');
  });

  it('refuses a segment column that turns personal after the sampled rows, with one warning naming it', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i + 1};8;ok;${i < 55 ? 'Lyon' : `client${i}@example.fr`}`);
    const file = await fileWith('late.csv', ['id;score;comment;ville_ou_contact', ...rows].join('\n'));
    const events = await collect(file, { secret: TEST_SECRET });
    expect(warnings(events)).toEqual(['ville_ou_contact: column `ville_ou_contact` holds personal data (an e-mail address): refused as a segment from this row on, value not stored']);
    expect(JSON.stringify(verbatims(events))).not.toContain('@example.fr');
    expect(verbatims(events).filter((verbatim) => verbatim.segments['ville_ou_contact'] === 'Lyon')).toHaveLength(55);
  });
});

describe('recognising identity', () => {
  it.each([
    ['customer_email', 'email'],
    ['E-mail', 'email'],
    ['Adresse mail', 'email'],
    ['courriel', 'email'],
    ['Téléphone', 'phone'],
    ['phone', 'phone'],
    ['Tel. portable', 'phone'],
    ['Nom du client', 'name'],
    ['Prénom', 'name'],
    ['full_name', 'name'],
    ['Numéro client', 'customer_id'],
    ['customer number', 'customer_id'],
    ['Customer ID', 'customer_id'],
    ['N° de contrat', 'customer_id'],
    ['branch', undefined],
    ['Nom du produit', undefined],
    ['advisor name', undefined],
    ['Nom du conseiller', undefined],
    ['country', undefined],
    ['journey_step', undefined],
    // Review: CamelCase and survey-tool (Qualtrics) headers were missed.
    ['FirstName', 'name'],
    ['LastName', 'name'],
    ['customerName', 'name'],
    ['full name', 'name'],
    ['EmailAddress', 'email'],
    ['PhoneNumber', 'phone'],
    ['RecipientFirstName', 'name'],
    ['RecipientLastName', 'name'],
    ['RecipientEmail', 'email'],
    ['ExternalReference', 'customer_id'],
    ['ExternalDataReference', 'customer_id'],
    ['eMail', 'email'],
    // Review: an employee's own identifier in an employee file, though `employee` alone names staff.
    ['Employee name', 'name'],
    ['EmployeeName', 'name'],
    ['Employee ID', 'customer_id'],
    ['employee_email', 'email'],
    ['Employee number', 'customer_id'],
    ['Nom de l\'employé', 'name'],
    ['Prénom employé', 'name'],
    ['Matricule employé', 'customer_id'],
    ['Employé matricule', 'customer_id'],
    ['Matricule', 'customer_id'],
    // Still not identity: things and staff, and words that only look like CamelCase names.
    ['employee', undefined],
    ['Employee satisfaction', undefined],
    ['productName', undefined],
    ['AdvisorName', undefined],
    ['NPSScore', undefined],
    ['IPAddress', undefined],
    ['date of birth', undefined],
  ])('header %s → %s (in an employee file)', (header, kind) => {
    expect(identityKindOfHeader(header, 'employee')).toBe(kind);
  });

  // In a customer file the staff member named is the advisor who served them: a segment, never the customer's key.
  it.each(['Employee name', 'EmployeeName', 'Employee ID', 'Matricule employé', "Nom de l'employé"])('header %s in a customer file is no identity', (header) => {
    expect(identityKindOfHeader(header)).toBeUndefined();
    expect(identityKindOfHeader(header, 'customer')).toBeUndefined();
  });

  // Review: personal data that is not an identity (many share it): kept out, never keyed.
  it.each([
    ['IPAddress', 'ip_address'],
    ['ip_address', 'ip_address'],
    ['Adresse IP', 'ip_address'],
    ['date of birth', 'birth_date'],
    ['DateOfBirth', 'birth_date'],
    ['birthday', 'birth_date'],
    ['BirthDate', 'birth_date'],
    ['DOB', 'birth_date'],
    ['Date de naissance', 'birth_date'],
    ['date', undefined],
    ['StartDate', undefined],
    ['zip', undefined],
    ['Pourquoi ne le recommanderiez-vous pas ?', undefined],
  ])('personal header %s → %s', (header, kind) => {
    expect(personalKindOfHeader(header)).toBe(kind);
  });

  it('keeps Qualtrics identity and personal columns out of the record, keying only the identity', async () => {
    const file = await fileWith(
      'qualtrics.csv',
      'ResponseId,StartDate,IPAddress,RecipientLastName,RecipientFirstName,RecipientEmail,ExternalReference,DateOfBirth,comment,score\n' +
        'R_1,2026-03-01,203.0.113.7,Dupont,Jean,jean.dupont@example.fr,C-42,1985-05-12,Trop cher,3\n' +
        'R_2,2026-03-02,203.0.113.7,,,,,1985-05-12,Bien,9\n',
    );
    const events = await collect(file, { secret: TEST_SECRET });
    const [first, second] = verbatims(events);
    expect(first?.authorKey).toBe(authorKey('jean.dupont@example.fr', TEST_SECRET));
    // Same IP and birthday, no identity: no key, rather than one author for two people.
    expect(second?.authorKey).toBeNull();
    expect(first?.segments).toEqual({ startdate: '2026-03-01' });
    const json = JSON.stringify(verbatims(events));
    for (const value of ['203.0.113.7', 'Dupont', 'Jean', 'jean.dupont', 'C-42', '1985-05-12']) expect(json).not.toContain(value);
    expect(warnings(events)).toContain('IPAddress: column `IPAddress` holds personal data (ip address): kept out of segments, not stored');
    expect(warnings(events)).toContain('DateOfBirth: column `DateOfBirth` holds personal data (birth date): kept out of segments, not stored');
  });

  it.each([
    ['an e-mail', 'jean.dupont@example.fr', 'email'],
    ['a French phone', '06 12 34 56 78', 'phone'],
    ['a UK phone', '+44 20 7946 0958', 'phone'],
    ['a US phone', '(555) 123-4567', 'phone'],
    ['a city', 'Lyon', undefined],
    ['a year', '2026', undefined],
    ['a date', '12/03/2026', undefined],
    ['an ISO date', '2026-03-01', undefined],
    ['an order number', '1234-5678-90', undefined],
    ['an amount', '1 250 000', undefined],
    ['a UK national number', '020 7946 0958', 'phone'],
    ['an international number with 00', '0033 6 12 34 56 78', 'phone'],
    ['a sentence with an e-mail (redaction handles it)', 'écrire à paul@perso.fr', undefined],
    ['200 KB of `a@` (bounded, not a hang)', 'a@'.repeat(100_000), undefined],
    ['1 MB of dots and @', '.@'.repeat(500_000), undefined],
  ])('value: %s', (_label, value, kind) => {
    expect(personalValueKind(value)).toBe(kind);
  });
});
