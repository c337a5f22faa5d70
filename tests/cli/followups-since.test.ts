import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

const DAY = 86_400_000;
/** Dates against the real clock (the built CLI reads it): one detractor 200 days old, one from yesterday. */
const daysAgo = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

/**
 * `--followups-since` where callbacks are opened: `import` and `enrich` open them only for
 * answers of the last 7 days by default, say once how many older detractors got none,
 * and open every one with `all`.
 */
describe('--followups-since on import and enrich', () => {
  let dir: string;
  let survey: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-followups-since-'));
    for (const name of ['default', 'all', 'since', 'enrich', 'refused']) await seedMigratedPglite(path.join(dir, name));
    survey = path.join(dir, 'survey.csv');
    await writeFile(survey, ['id;date;score;comment', `R1;${daysAgo(200).slice(0, 10)};2;Frais abusifs`, `R2;${daysAgo(1).slice(0, 10)};3;Personne ne répond`, `R3;${daysAgo(1).slice(0, 10)};10;Parfait`].join('\n'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const env = (name: string) => ({ VERBATIM_DATA_DIR: path.join(dir, name) });
  const opened = async (name: string): Promise<string[]> => {
    const run = await runCli(['followups', 'list', '--json'], { env: env(name) });
    return run.stdout.trim().split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { external_id: string }).external_id);
  };

  it('import: the recent detractor gets a callback, the old one does not, and the summary says so once', async () => {
    const run = await runCli(['import', survey, '--source', 'nps'], { env: env('default') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 detractor follow-ups opened');
    expect(run.stdout.match(/older detractors/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/\n1 older detractors \(answered before \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\) have no callback: --followups-since DATE\|all opens them\n/);
    expect(await opened('default')).toEqual(['R2']);
  });

  it('import --followups-since all opens both; a date between them opens the recent one', async () => {
    const all = await runCli(['import', survey, '--source', 'nps', '--followups-since', 'all'], { env: env('all') });
    expect(all.stdout).toContain('2 detractor follow-ups opened');
    expect(all.stdout).not.toContain('older detractors');
    expect((await opened('all')).sort()).toEqual(['R1', 'R2']);

    const since = await runCli(['import', survey, '--source', 'nps', '--followups-since', daysAgo(30).slice(0, 10)], { env: env('since') });
    expect(since.stdout).toContain('1 detractor follow-ups opened');
    expect(since.stdout).toContain('1 older detractors');
  });

  it('enrich: the same cut-off, told on stderr with the run (stdout keeps its one line)', async () => {
    const opening = await openDatabase({ dataDir: env('enrich').VERBATIM_DATA_DIR });
    try {
      await insertVerbatims(opening.db, [surveyAnswer(1, { nps: 2, createdAt: daysAgo(200) }), surveyAnswer(2, { nps: 4, createdAt: daysAgo(1) })]);
    } finally {
      await opening.close();
    }
    const first = await runCli(['enrich'], { env: env('enrich') });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('enriched 2 verbatims\n');
    expect(first.stderr).toContain('enrich: 1 detractor follow-ups opened');
    expect(first.stderr).toContain('enrich: 1 older detractors');
    expect(await opened('enrich')).toEqual(['R-2']);

    const all = await runCli(['enrich', '--followups-since', 'all'], { env: env('enrich') });
    expect(all.stderr).toContain('enrich: 1 detractor follow-ups opened');
    expect(all.stderr).not.toContain('older detractors');
    expect((await opened('enrich')).sort()).toEqual(['R-1', 'R-2']);
    // Two enrich runs load the models twice: slow on a busy machine.
  }, 240_000);

  it.each([['yesterday'], ['7days'], ['2026-02-30']])('refuses --followups-since %s before touching anything', async (value) => {
    const run = await runCli(['enrich', '--followups-since', value], { env: env('refused') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`expected a date like 2026-11-01, a number of days like 7d, or all, got \`${value}\``);
  });
});
