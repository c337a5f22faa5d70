import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorKey, secretFingerprint } from '../../core/author-key.js';
import { authorSecretFor, rotateAuthorSecret } from '../../db/author-keys.js';
import { recordTombstones, withoutForgotten } from '../../db/author-tombstones.table.js';
import { loadAuthorSecret, pendingSecretFile, secretFile, writePendingSecret } from '../../db/installation-secret.js';
import { up as stripPersonalSegments } from '../../db/migrations/2026-12-06-0002-personal-segments.js';
import { scrapeTables } from '../../db/scrape-tables.js';
import { forgetAuthor, insertVerbatims } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { surveyAnswer } from './verbatim-fixtures.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-secret-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the installation secret', () => {
  it('is created on first use with mode 0600 and reused after', async () => {
    const first = await loadAuthorSecret(path.join(dataDir, 'new-dir'));
    const file = secretFile(path.join(dataDir, 'new-dir'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await loadAuthorSecret(path.join(dataDir, 'new-dir'));
    expect(Buffer.from(again.ring[0] ?? []).toString('hex')).toBe(Buffer.from(first.ring[0] ?? []).toString('hex'));
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives two installations two secrets, so the same e-mail gets two keys', async () => {
    const one = await loadAuthorSecret(path.join(dataDir, 'one'));
    const two = await loadAuthorSecret(path.join(dataDir, 'two'));
    expect(authorKey('jean.dupont@example.fr', one)).not.toBe(authorKey('jean.dupont@example.fr', two));
  });

  it('tightens a file readable by others to 0600', async () => {
    await loadAuthorSecret(dataDir);
    await chmod(secretFile(dataDir), 0o644);
    await loadAuthorSecret(dataDir);
    expect((await stat(secretFile(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file naming the file and line', async () => {
    await writeFile(secretFile(dataDir), 'not-a-key\n', { mode: 0o600 });
    await expect(loadAuthorSecret(dataDir)).rejects.toThrow(`${secretFile(dataDir)}:1: expected a key of 64 hexadecimal digits`);
  });
});

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('refuses a secret.key other than the one the database was keyed with', async () => {
    const { db } = database();
    await authorSecretFor(db, path.join(dataDir, 'machine-a'));
    await expect(authorSecretFor(db, path.join(dataDir, 'machine-b'))).rejects.toThrow(/is not the secret the database's author keys were made with/);
  });

  it('rotates: stored keys and tombstones are re-keyed, a person keeps one key, the old file no longer matches', async () => {
    const { db } = database();
    const before = await authorSecretFor(db, dataDir);
    const jean = authorKey('jean@example.fr', before);
    const gone = authorKey('gone@example.fr', before);
    await insertVerbatims(db, [surveyAnswer(1, { authorKey: jean }), surveyAnswer(2, { authorKey: jean }), surveyAnswer(3, { authorKey: null })]);
    await recordTombstones(db, [gone]);
    const oldFile = await readFile(secretFile(dataDir), 'utf8');

    expect(await rotateAuthorSecret(db, dataDir)).toEqual({ verbatims: 2, tombstones: 1, keys: 1 });

    const after = await authorSecretFor(db, dataDir);
    expect(after.ring).toHaveLength(2);
    const { rows } = await sql<{ author_key: string | null }>`select author_key from verbatims order by author_key nulls last`.execute(db);
    expect(rows.map((row) => row.author_key)).toEqual([authorKey('jean@example.fr', after), authorKey('jean@example.fr', after), null]);
    expect(rows[0]?.author_key).not.toBe(jean);
    const tombs = await db.selectFrom('author_tombstones').select('author_key').execute();
    expect(tombs.map((row) => row.author_key)).toEqual([authorKey('gone@example.fr', after)]);
    await mkdir(path.join(dataDir, 'old'));
    await writeFile(path.join(dataDir, 'old', 'secret.key'), oldFile, { mode: 0o600 });
    await expect(authorSecretFor(db, path.join(dataDir, 'old'))).rejects.toThrow(/is not the secret/);
  });

  it('completes a rotation interrupted after the database was re-keyed', async () => {
    const { db } = database();
    const before = await authorSecretFor(db, dataDir);
    const { secret } = await writePendingSecret(dataDir, before);
    await db.updateTable('installation_settings').set({ value: secretFingerprint(secret) }).execute();
    const after = await authorSecretFor(db, dataDir);
    expect(after.ring).toHaveLength(2);
    await expect(stat(pendingSecretFile(dataDir))).rejects.toThrow();
  });

  it('forgets under several keys at once, records tombstones only for keys that matched, and the import filter leaves them out', async () => {
    const { db } = database();
    await insertVerbatims(db, [surveyAnswer(1, { authorKey: 'a_one' }), surveyAnswer(2, { authorKey: 'a_two' }), surveyAnswer(3, { authorKey: 'a_three' })]);
    expect(await forgetAuthor(db, ['a_one', 'a_two', 'a_nobody'])).toEqual({ verbatims: 2, themes: 0, followups: 0 });
    const tombs = await db.selectFrom('author_tombstones').select('author_key').orderBy('author_key').execute();
    expect(tombs.map((row) => row.author_key)).toEqual(['a_one', 'a_two']);
    const batch = [surveyAnswer(1, { authorKey: 'a_one' }), surveyAnswer(4, { authorKey: 'a_three' }), surveyAnswer(5, { authorKey: null })];
    const { kept, forgotten } = await withoutForgotten(db, batch);
    expect(forgotten).toBe(1);
    expect(kept.map((verbatim) => verbatim.authorKey)).toEqual(['a_three', null]);
  });

  it('does not store a forgotten reviewer again when a scrape finds their review', async () => {
    const { db } = database();
    await recordTombstones(db, ['a_reviewer']);
    const result = await scrapeTables(db).insert([surveyAnswer(1, { authorKey: 'a_reviewer', source: 'avis' }), surveyAnswer(2, { authorKey: 'a_other', source: 'avis' })]);
    expect(result.inserted).toBe(1); // the scrape store counts the rest as already there
    const rows = await db.selectFrom('verbatims').select('author_key').execute();
    expect(rows).toEqual([{ author_key: 'a_other' }]);
  });

  it('removes from stored segments the columns of e-mails, phones and person names (stored in clear before this version)', async () => {
    const { db } = database();
    await insertVerbatims(db, [
      surveyAnswer(1, { segments: { branch: 'Lyon', customer_email: 'léa.1@example.com', contact: '06 12 34 56 78', nom_du_client: 'Léa Martin', order_id: '1234567890' } }),
      surveyAnswer(2, { segments: { branch: 'Paris', customer_email: 'louis.2@example.com', contact: '+33 7 98 76 54 32', nom_du_client: 'Louis Petit', order_id: '2234567890' } }),
      surveyAnswer(3, { segments: { branch: 'Paris', customer_email: 'inconnu', contact: 'non', nom_du_client: '?', order_id: '3234567890' } }),
      surveyAnswer(4, { segments: { branch: 'Paris', note: 'écrire à a@b.fr' } }),
    ]);
    await stripPersonalSegments(db);
    const { rows } = await sql<{ segments: Record<string, string> }>`select segments from verbatims order by segments->>'branch', segments::text`.execute(db);
    // Order numbers (digits, not a phone's form) and a note that quotes an address stay.
    expect(rows.map((row) => row.segments)).toEqual([
      { branch: 'Lyon', order_id: '1234567890' },
      { branch: 'Paris', order_id: '2234567890' },
      { branch: 'Paris', order_id: '3234567890' },
      { branch: 'Paris', note: 'écrire à a@b.fr' },
    ]);
  });
});
