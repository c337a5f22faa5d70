import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCsvCorpus } from '../../bench/corpus.js';
import { openDatabase } from '../../db/open-database.js';
import { createPostgresDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';
import { CLI, runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** A taxonomy with a dotted sub-theme, so the roll-up (parent rows, `rolled_up = true`) is exercised. */
const TAXONOMY = `themes:
  - id: fees
    label: Fees
    terms:
      en: [fee, fees]
  - id: fees.card
    label: Card fees
    terms:
      en: [card]
  - id: staff
    label: Staff
    terms:
      en: [staff]
`;

/** Eight answers, one with a score out of range (kept without it: line 4), one with neither text nor score (skipped: line 7). */
const SURVEY = [
  'id,date,score,comment,email',
  '1,2026-03-02,2,The fees are far too high,ann@example.fr',
  '2,2026-03-03,3,Card fee charged twice,bob@example.fr',
  '3,2026-03-04,42,A card fee nobody explained,cid@example.fr',
  '4,2026-03-05,10,Lovely staff,dan@example.fr',
  '5,2026-03-06,9,The staff were quick and the fees fair,eve@example.fr',
  '6,2026-03-07,,,fay@example.fr',
  '7,2026-03-08,1,My card was blocked for a week,gus@example.fr',
  '8,2026-03-09,8,Staff answered at once,ann@example.fr',
].join('\n');

interface Place {
  readonly env: Record<string, string>;
  readonly drop: () => Promise<void>;
}

/** A fresh database of that kind (a data dir under `dir`, or a PostgreSQL database of the test server). */
async function freshPlace(kind: DatabaseKind, dir: string, name: string): Promise<Place> {
  const env: Record<string, string> = { VERBATIM_DATA_DIR: path.join(dir, name) };
  if (kind === 'pglite') {
    await seedMigratedPglite(env['VERBATIM_DATA_DIR'] as string);
    return { env, drop: async () => undefined };
  }
  const created = await createPostgresDatabase();
  return { env: { ...env, DATABASE_URL: created.url }, drop: created.drop };
}

async function withDb<T>(place: Place, work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const url = place.env['DATABASE_URL'];
  const opened = await openDatabase(url === undefined ? { dataDir: place.env['VERBATIM_DATA_DIR'] } : { databaseUrl: url });
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

/**
 * What must match between the two paths: the export without `enriched_at` (the time of enrichment) and
 * `author_key` (keyed with each installation's own secret; that it is set is checked), every theme row
 * (rolled-up ones included), the pending rows.
 */
async function storedState(place: Place, cwd: string): Promise<StoredState> {
  return (await storedStateAndVersion(place, cwd)).state;
}

interface StoredState {
  readonly exported: string[];
  readonly themes: unknown[];
  readonly pending: unknown[];
}

/** `storedState`, and the data version's change count read in the same database open (an embedded database takes seconds to open on a loaded CI machine). */
async function storedStateAndVersion(place: Place, cwd: string): Promise<{ state: StoredState; changes: string | undefined }> {
  const run = await runCli(['export'], { env: place.env, cwd });
  expect(run.code, run.stderr).toBe(0);
  const exported = run.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const { enriched_at: enrichedAt, author_key: authorKey, ...record } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ ...record, enriched: typeof enrichedAt === 'string', keyed: typeof authorKey === 'string' });
    });
  return withDb(place, async (db) => {
    const themes = await db.selectFrom('verbatim_themes').select(['verbatim_id', 'theme', 'sentiment', 'score', 'confidence', 'evidence', 'rolled_up']).orderBy('verbatim_id').orderBy('theme').execute();
    const pending = await db.selectFrom('verbatims').select(['id', 'enrich_failures', 'enrich_error']).where('enriched_at', 'is', null).orderBy('id').execute();
    const { rows } = await sql<{ changes: string }>`select changes::text from data_version`.execute(db);
    return { state: { exported, themes, pending }, changes: rows[0]?.changes };
  });
}

describe.each(DATABASE_KINDS)('verbatim import --enrich (%s)', (kind) => {
  let dir: string;
  let survey: string;
  const places: Place[] = [];
  const place = async (name: string): Promise<Place> => {
    const created = await freshPlace(kind, dir, name);
    places.push(created);
    return created;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-import-enrich-'));
    survey = path.join(dir, 'survey.csv');
    await writeFile(path.join(dir, 'taxonomy.yaml'), TAXONOMY);
    await writeFile(survey, SURVEY);
  });

  afterAll(async () => {
    for (const created of places) await created.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores what `import` then `enrich` store (export, theme rows with their roll-up), rows reported as import reports them', async () => {
    const twoStep = await place('two-step');
    const imported = await runCli(['import', survey, '--identity', 'email'], { env: twoStep.env, cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect((await runCli(['enrich', '--taxonomy', 'taxonomy.yaml'], { env: twoStep.env, cwd: dir })).code).toBe(0);

    const onePass = await place('one-pass');
    const run = await runCli(['import', survey, '--identity', 'email', '--enrich', '--taxonomy', 'taxonomy.yaml', '--batch-size', '3'], { env: onePass.env, cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${survey}: 7 rows read, 7 imported, 0 already there, 1 skipped, 1 warnings\n`);
    expect(run.stdout).toContain('enriched 7 verbatims\n');
    expect(run.stderr).toContain(`${survey}:4: field \`nps\`: warning: expected a whole number from 0 to 10, got \`42\`; kept without a score`);
    expect(run.stderr).toContain(`${survey}:7: field \`text\`: skipped: no comment and no score`);

    const expected = await storedState(twoStep, dir);
    const actual = await storedState(onePass, dir);
    expect(actual.exported).toHaveLength(7);
    expect(actual).toEqual(expected);
    expect(actual.themes).toContainEqual(expect.objectContaining({ theme: 'fees', rolled_up: true }));
    expect(actual.pending).toEqual([]);

    const runs = await withDb(onePass, (db) => db.selectFrom('runs').select(['kind', 'status', 'stats']).execute());
    expect(runs).toEqual([{ kind: 'enrich', status: 'succeeded', stats: expect.objectContaining({ runner: 'import', processed: 7, failed: 0 }) }]);
  });

  it('adds nothing twice: a second run finds every row there and writes nothing', async () => {
    const target = await place('twice');
    const args = ['import', survey, '--enrich', '--taxonomy', 'taxonomy.yaml'];
    const first = await runCli(args, { env: target.env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const { state: before, changes: version } = await storedStateAndVersion(target, dir);
    expect(version).toEqual(expect.any(String));
    const again = await runCli(args, { env: target.env, cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('7 rows read, 0 imported, 7 already there');
    expect(again.stdout).toContain('enriched 0 verbatims\n');
    const after = await storedStateAndVersion(target, dir);
    expect(after.state).toEqual(before);
    expect(after.changes).toBe(version);
  });

  it('leaves out the answers of a forgotten author, before enriching them', async () => {
    const target = await place('forgotten');
    expect((await runCli(['import', survey, '--identity', 'email', '--enrich', '--taxonomy', 'taxonomy.yaml'], { env: target.env, cwd: dir })).code).toBe(0);
    const forget = await runCli(['forget', '--author', 'ann@example.fr'], { env: target.env, cwd: dir });
    expect(forget.code, forget.stderr).toBe(0);
    const again = await runCli(['import', survey, '--identity', 'email', '--enrich', '--taxonomy', 'taxonomy.yaml'], { env: target.env, cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('7 rows read, 0 imported, 5 already there, 1 skipped, 1 warnings, 2 of forgotten authors left out\n');
    expect((await storedState(target, dir)).exported).toHaveLength(5);
  });

  it('refuses the model options without --enrich', async () => {
    const target = await place('usage');
    const run = await runCli(['import', survey, '--threads', '2'], { env: target.env, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--threads chooses the models: it needs --enrich');
  });

  it('resumes a run killed mid-way: the rerun adds only what is missing, every stored batch whole', async () => {
    const corpus = path.join(dir, 'corpus.csv');
    await writeCsvCorpus(corpus, 3_000);
    // The reference runs uninterrupted with the same batches: a short text's language is settled
    // by its batch (detectLanguageStage), so equal batches must give equal rows.
    const reference = await place('reference');
    expect((await runCli(['import', corpus, '--source', 'bench', '--enrich', '--batch-size', '50'], { env: reference.env, cwd: dir })).code).toBe(0);

    const target = await place('killed');
    const killedAfter = await importAndKill(target, corpus);
    expect(killedAfter).toBeGreaterThan(0);
    expect(killedAfter).toBeLessThan(3_000);
    // What the killed run stored is whole: every row enriched (none pending) with its theme rows.
    const afterKill = await withDb(target, async (db) => {
      const { rows } = await sql<{ rows: number; pending: number; without_themes: number }>`
        select count(*)::int as rows, count(*) filter (where enriched_at is null)::int as pending,
               count(*) filter (where not exists (select 1 from verbatim_themes t where t.verbatim_id = v.id))::int as without_themes
        from verbatims v`.execute(db);
      return rows[0];
    });
    expect(afterKill?.rows).toBeGreaterThan(0);
    expect(afterKill?.rows).toBeLessThan(3_000);
    expect(afterKill?.pending).toBe(0);

    const rerun = await runCli(['import', corpus, '--source', 'bench', '--enrich', '--batch-size', '50'], { env: target.env, cwd: dir });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`3000 rows read, ${3_000 - (afterKill?.rows ?? 0)} imported, ${afterKill?.rows ?? 0} already there`);
    expect(await storedState(target, dir)).toEqual(await storedState(reference, dir));
  }, 240_000);
});

/**
 * Starts `import --enrich` as a process of its own (batches of 50, a progress line after each
 * stored batch) and SIGKILLs it once it says a first batch is stored, some 2,900 rows still to go.
 * Resolves with the rows stored at the kill, read once no process has the database open.
 */
async function importAndKill(target: Place, corpus: string): Promise<number> {
  const child = spawn(process.execPath, [CLI, 'import', corpus, '--source', 'bench', '--enrich', '--batch-size', '50', '--threads', '1', '--log-every', '0'], {
    env: { ...process.env, DATABASE_URL: '', ...target.env },
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => {
    if (/import --enrich: \d+/.test(chunk.toString()) && !child.killed) child.kill('SIGKILL');
  });
  await closed;
  return withDb(target, async (db) => (await sql<{ n: number }>`select count(*)::int as n from verbatims`.execute(db)).rows[0]?.n ?? 0);
}
