import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { openDatabase } from '../../db/open-database.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { createPgliteDir } from '../support/databases.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** Six enriched answers, each differing from the first in one thing a filter looks at. */
const rows: readonly { readonly name: string; readonly verbatim: Verbatim; readonly themes?: []; readonly journey?: 'complaint' }[] = [
  { name: 'base', verbatim: surveyAnswer(1, { createdAt: '2026-03-10T09:30:00.000Z', segments: { country: 'FR' } }) },
  { name: 'april', verbatim: surveyAnswer(2, { createdAt: '2026-04-02T09:30:00.000Z', segments: { country: 'FR' } }) },
  { name: 'reviews', verbatim: surveyAnswer(3, { source: 'app-reviews', createdAt: '2026-03-11T09:30:00.000Z', segments: { country: 'FR' } }) },
  { name: 'employee', verbatim: surveyAnswer(4, { respondent: 'employee', createdAt: '2026-03-12T09:30:00.000Z', segments: { country: 'FR' } }) },
  { name: 'belgium-complaint', verbatim: surveyAnswer(5, { createdAt: '2026-03-13T09:30:00.000Z', segments: { country: 'BE' } }), journey: 'complaint' },
  { name: 'no-themes', verbatim: surveyAnswer(6, { createdAt: '2026-03-14T09:30:00.000Z', segments: { country: 'FR' } }), themes: [] },
];
const nameOf = new Map(rows.map((row) => [row.verbatim.id, row.name]));

let dataDir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dataDir, remove } = await createPgliteDir());
  await seedMigratedPglite(dataDir);
  const opened = await openDatabase({ dataDir });
  try {
    await insertVerbatims(opened.db, rows.map((row) => row.verbatim));
    await saveEnrichments(
      opened.db,
      rows.map((row) => enriched(row.verbatim, { ...(row.themes === undefined ? {} : { themes: row.themes }), ...(row.journey === undefined ? {} : { journey: row.journey }) })),
    );
  } finally {
    await opened.close();
  }
});
afterAll(async () => {
  await remove();
});

/** `verbatim export ARGS` on the seeded database: the names of the rows it wrote, in id order. */
async function exported(args: readonly string[]): Promise<string[]> {
  const run = await runCli(['export', ...args], { env: { VERBATIM_DATA_DIR: dataDir } });
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  expect(run.stderr).toContain(`export: ${lines.length} verbatims`);
  return lines.map((line) => nameOf.get((JSON.parse(line) as { id: string }).id) ?? 'unknown').sort();
}

describe('verbatim export: filters', () => {
  it.each([
    [[], ['april', 'base', 'belgium-complaint', 'employee', 'no-themes', 'reviews']],
    [['--theme', 'fees_pricing'], ['april', 'base', 'belgium-complaint', 'employee', 'reviews']],
    [['--from', '2026-04-01'], ['april']],
    [['--to', '2026-03-12'], ['base', 'reviews']],
    [['--from', '2026-03-11', '--to', '2026-03-13'], ['employee', 'reviews']],
    [['--source', 'app-reviews'], ['reviews']],
    [['--respondent', 'employee'], ['employee']],
    [['--journey', 'complaint'], ['belgium-complaint']],
    [['--segment', 'country=BE'], ['belgium-complaint']],
    [['--respondent', 'customer', '--segment', 'country=FR', '--to', '2026-04-01', '--theme', 'fees_pricing'], ['base', 'reviews']],
  ] as const)('export %j keeps %j', async (args, names) => {
    expect(await exported(args)).toEqual([...names].sort());
  });

  it.each([
    [['--from', '2026-02-30'], "option '--from <date>' argument '2026-02-30' is invalid. expected a date like 2026-06-30, got `2026-02-30`"],
    [['--to', 'yesterday'], "option '--to <date>' argument 'yesterday' is invalid. expected a date like 2026-06-30, got `yesterday`"],
    [['--respondent', 'robot'], 'expected one of customer, employee, got `robot`'],
    [['--journey', 'nowhere'], 'expected one of discovery, application'],
    [['--segment', 'country'], 'expected KEY=VALUE, got `country`'],
  ] as const)('export %j is a usage error', async (args, message) => {
    const run = await runCli(['export', ...args], { env: { VERBATIM_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('refuses an unknown --theme like report --theme, before creating the output file', async () => {
    const out = `${dataDir}-unknown-theme.jsonl`;
    const run = await runCli(['export', '--theme', 'fees', '--out', out], { env: { VERBATIM_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown theme `fees` (themes found: ');
    expect(existsSync(out)).toBe(false);
  });
});

describe('verbatim export: a UTF-8 BOM for Excel in CSV files only', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  it.each([
    ['csv', true],
    ['jsonl', false],
  ] as const)('--format %s --out FILE starts with a BOM: %s', async (format, bom) => {
    const out = `${dataDir}-export.${format}`;
    const run = await runCli(['export', '--format', format, '--out', out], { env: { VERBATIM_DATA_DIR: dataDir } });
    expect(run.code, run.stderr).toBe(0);
    const bytes = await readFile(out);
    await rm(out);
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(bom);
    if (format === 'csv') expect(bytes.subarray(3, 6).toString()).toBe('id,');
  });

  it.each(['csv', 'jsonl'] as const)('--format %s on stdout has no BOM (it goes to another program)', async (format) => {
    const run = await runCli(['export', '--format', format], { env: { VERBATIM_DATA_DIR: dataDir } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stdout.startsWith('\uFEFF')).toBe(false);
  });
});
