import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorKey } from '../../core/author-key.js';
import { openDatabase } from '../../db/open-database.js';
import { readAuthorSecret, secretFile } from '../../db/installation-secret.js';
import { createCliWorkspace, type CliWorkspace } from '../support/cli-workspace.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { runCli } from './run-cli.js';

const SURVEY = [
  'respondent_id;date;score;commentaire;branch;customer_email;Téléphone;Nom du client',
  'R1;02/03/2026;2;ZORGLUB les frais sont exorbitants;Lyon;jean.dupont@example.fr;06 12 34 56 78;Jean Dupont',
  'R2;03/03/2026;10;Conseillère très aimable;Lyon;marie.curie@example.fr;06 98 76 54 32;Marie Curie',
  'R3;04/03/2026;4;Attente interminable;Paris;;06 55 44 33 22;Paul Martin',
  'R4;15/03/2026;9;Très bien;Paris;luc.besson@example.fr;;Luc Besson',
].join('\n');

/** Every clear personal value of the file: none may be stored anywhere. */
const CLEAR_VALUES = ['jean.dupont@example.fr', 'marie.curie', 'luc.besson', '06 12 34 56 78', '98 76 54 32', '55 44 33 22', 'Jean Dupont', 'Marie Curie', 'Paul Martin', 'Luc Besson'];

describe.each(DATABASE_KINDS)('verbatim forget on %s', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let survey: string;
  let workspace: CliWorkspace | undefined;

  beforeAll(async () => {
    workspace = await createCliWorkspace(kind, 'verbatim-forget-');
    ({ dir, env } = workspace);
    survey = path.join(dir, 'survey.csv');
    await writeFile(survey, SURVEY);
  }, 120_000);

  afterAll(async () => {
    await workspace?.remove();
  });

  /** Runs `work` on the command's database, closed after (PGlite allows one opener at a time). */
  async function onDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
    const opened = await openDatabase(kind === 'postgres' ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      return await work(opened.db);
    } finally {
      await opened.close();
    }
  }

  const count = () => onDatabase(async (db) => (await db.selectFrom('verbatims').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

  it('imports without storing any e-mail, phone or name in clear: the author key is the HMAC under the new 0600 secret', async () => {
    // March answers: `--followups-since all` opens their callbacks, so forgetting has some to delete.
    const run = await runCli(['import', survey, '--source', 'nps', '--followups-since', 'all'], { env });
    // One line per identity column kept out; the e-mail column is the author key.
    expect(run.stderr.split('\n').filter(Boolean).map((line) => line.replace(/^.*survey\.csv:1: /, ''))).toEqual([
      'field `Téléphone`: warning: column `Téléphone` holds identity (phone): kept out of segments, keyed into the author key when the columns before it are empty',
      'field `Nom du client`: warning: column `Nom du client` holds identity (name): kept out of segments, keyed into the author key when the columns before it are empty',
    ]);
    expect(run.stdout).toContain('4 rows read, 4 imported');
    const file = secretFile(env['VERBATIM_DATA_DIR'] as string);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secret = await readAuthorSecret(file);
    await onDatabase(async (db) => {
      const { rows: columns } = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = 'public' and table_name = 'verbatims' and data_type in ('text', 'jsonb', 'character varying')`.execute(db);
      expect(columns.map((column) => column.column_name)).toEqual(expect.arrayContaining(['text', 'segments', 'author_key', 'external_id']));
      const { rows } = await sql<{ all: string }>`select ${sql.join(columns.map((column) => sql`coalesce(${sql.ref(column.column_name)}::text, '')`), sql` || ' ' || `)} as all from verbatims`.execute(db);
      const stored = rows.map((row) => row.all).join('\n');
      for (const value of CLEAR_VALUES) expect(stored).not.toContain(value);
      const keys = await db.selectFrom('verbatims').select(['external_id', 'author_key']).orderBy('external_id').execute();
      expect(keys).toEqual([
        { external_id: 'R1', author_key: authorKey('jean.dupont@example.fr', secret) },
        { external_id: 'R2', author_key: authorKey('marie.curie@example.fr', secret) },
        { external_id: 'R3', author_key: authorKey('06 55 44 33 22', secret) },
        { external_id: 'R4', author_key: authorKey('luc.besson@example.fr', secret) },
      ]);
    });
    // Imported again with the same secret (reused, not re-created): nothing new.
    expect((await runCli(['import', survey, '--source', 'nps'], { env })).stdout).toContain('0 imported, 4 already there');
  });

  it('forgets by e-mail: rows and follow-ups gone, text compacted out of the files, report files removed, counts printed', async () => {
    const reports = path.join(env['VERBATIM_DATA_DIR'] as string, 'reports');
    await mkdir(reports, { recursive: true });
    await writeFile(path.join(reports, 'report.md'), '> ZORGLUB les frais sont exorbitants');
    const run = await runCli(['forget', '--author', 'Jean.Dupont@example.fr'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^forgot author a_[0-9a-f]{32}: 1 verbatims, 0 theme tags, 1 follow-ups deleted; tombstone recorded/);
    expect(run.stdout).toContain('removed 1 report files under');
    expect(run.stdout).not.toContain('jean.dupont');
    await expect(readdir(reports)).rejects.toThrow();
    expect(await count()).toBe(3);
    const followups = await onDatabase(async (db) => (await db.selectFrom('followups').select('verbatim_id').execute()).length);
    expect(followups).toBe(1);
    if (kind === 'pglite') {
      const base = path.join(env['VERBATIM_DATA_DIR'] as string, 'pglite', 'base');
      const files = (await readdir(base, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      const holding: string[] = [];
      for (const entry of files) {
        const file = path.join(entry.parentPath, entry.name);
        if ((await readFile(file)).includes('ZORGLUB')) holding.push(path.relative(base, file));
      }
      expect(holding).toEqual([]);
    }
  });

  it('forgets by phone, in another spelling of the same number', async () => {
    const run = await runCli(['forget', '--author', '+33 6 55 44 33 22'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 1 verbatims, 0 theme tags, 1 follow-ups deleted/);
    expect(await count()).toBe(2);
  });

  it('forgets by the stored author key', async () => {
    const secret = await readAuthorSecret(secretFile(env['VERBATIM_DATA_DIR'] as string));
    const run = await runCli(['forget', '--author', authorKey('luc.besson@example.fr', secret)], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 1 verbatims/);
    expect(await count()).toBe(1);
  });

  it('exits 1 with a clear message when no answer matched, and deletes nothing', async () => {
    const run = await runCli(['forget', '--author', 'nobody@example.fr'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "verbatim: field `author`: no answer matched `nobody@example.fr` (looked up as an author key, and as an e-mail, phone, customer id or review name under this installation's secret); nothing deleted\n",
    );
    expect(await count()).toBe(1);
  });

  it('does not bring forgotten people back when the same file is imported again', async () => {
    const run = await runCli(['import', survey, '--source', 'nps'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4 rows read, 0 imported, 1 already there, 0 skipped, 2 warnings, 3 of forgotten authors left out');
    expect(await count()).toBe(1);
    const tombstones = await onDatabase((db) => db.selectFrom('author_tombstones').select('author_key').execute());
    expect(tombstones).toHaveLength(3);
    expect(JSON.stringify(tombstones)).not.toContain('@');
  });

  it('rotates the secret: the remaining person keeps one key and can still be forgotten by e-mail', async () => {
    const rotated = await runCli(['secret', 'rotate'], { env });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/: 1 author keys \(1 answers\) and 3 tombstones re-keyed/);
    expect((await runCli(['import', survey, '--source', 'nps'], { env })).stdout).toContain('0 imported, 1 already there, 0 skipped, 2 warnings, 3 of forgotten authors left out');
    expect((await runCli(['forget', '--author', 'marie.curie@example.fr'], { env })).stdout).toMatch(/: 1 verbatims/);
    expect(await count()).toBe(0);
  });
});

describe('verbatim import --no-redact', () => {
  it('says on stderr that texts are stored as written, and still keeps the identity columns out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-noredact-'));
    try {
      const env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
      const survey = path.join(dir, 'survey.csv');
      await writeFile(survey, SURVEY);
      const run = await runCli(['import', survey, '--no-redact'], { env });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('verbatim: import: --no-redact: comments and segment values are stored as written, personal data in them included\n');
      const opened = await openDatabase({ dataDir: env.VERBATIM_DATA_DIR });
      try {
        const rows = await opened.db.selectFrom('verbatims').select(['text', 'segments', 'author_key']).execute();
        expect(rows).toHaveLength(4);
        for (const value of CLEAR_VALUES) expect(JSON.stringify(rows)).not.toContain(value);
      } finally {
        await opened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
