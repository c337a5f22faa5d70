import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedViews } from '../analysis/views-fixture.js';
import { runCli } from './run-cli.js';
import { seededDataDir, type SeededDataDir } from './seeded-data-dir.js';

/** The built command on the hand-computed fixture of tests/analysis/views-fixture.ts. */
describe('verbatim report: root cause, HTML, CSV tables, thresholds', () => {
  let seeded: SeededDataDir;
  let env: Record<string, string>;
  beforeAll(async () => {
    seeded = await seededDataDir('report', seedViews);
    env = seeded.env;
  });
  afterAll(async () => {
    await seeded.remove();
  });

  it('--theme prints the root cause as JSON', async () => {
    const run = await runCli(['report', '--theme', 'fees_pricing', '--format', 'json', '--granularity', 'month'], { env });
    expect(run.stderr).toBe('');
    const rootCause = JSON.parse(run.stdout) as { driver: { impact: number }; journey: { value: string }[]; verbatims: unknown[]; summary: { source: string }[] };
    expect(rootCause.driver.impact).toBe(-41.4);
    expect(rootCause.journey.map((row) => row.value)).toEqual(['billing_statements']);
    expect(rootCause.verbatims).toHaveLength(3);
    expect(rootCause.summary[0]?.source).toBe('driver');
  });

  it('--theme follows the anonymity floor of VERBATIM_MIN_GROUP: six employee answers are withheld under a floor of 7, shown at 6', async () => {
    const ask = (floor: string) => runCli(['report', '--theme', 'workload', '--respondent', 'employee', '--format', 'json'], { env: { ...env, VERBATIM_MIN_GROUP: floor } });
    const withheld = JSON.parse((await ask('7')).stdout) as { driver: { nps_with: number | null; count: number } };
    const shown = JSON.parse((await ask('6')).stdout) as { driver: { nps_with: number | null; count: number } };
    expect(withheld.driver).toMatchObject({ count: 6, nps_with: null });
    expect(shown.driver.nps_with).toEqual(expect.any(Number));
  });

  it('--theme with an unknown id fails with exit 1 and names the known themes', async () => {
    const run = await runCli(['report', '--theme', 'nope'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('verbatim: field `theme`: unknown theme `nope` (themes found: advisor_quality, fees_pricing, workload)\n');
  });

  it('--format html --out writes one self-contained file', async () => {
    const out = path.join(seeded.dir, 'html');
    // The fixture's employee groups are of 3: the lowest anonymity floor lets the moment matrix show them.
    const run = await runCli(['report', '--format', 'html', '--out', out, '--min-count', '1', '--moment-min-answers', '2'], { env: { ...env, VERBATIM_MIN_GROUP: '3' } });
    expect(run.stdout).toBe(`wrote ${path.join(out, 'report.html')}\n`);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('douleur (+/−)');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('--format csv --out writes one file a table', async () => {
    const out = path.join(seeded.dir, 'csv');
    await runCli(['report', '--format', 'csv', '--out', out], { env });
    expect((await readdir(out)).sort()).toEqual([
      'breakdowns.csv',
      'drivers.csv',
      'emerging.csv',
      'enps-drivers.csv',
      'followups-overdue.csv',
      'followups-sla.csv',
      'journey.csv',
      'key-drivers.csv',
      'moments.csv',
      'suggested-themes.csv',
      'trends.csv',
    ]);
    // the fixture's SLA (views-fixture.ts): 2 callbacks, 1 closed in time, 1 overdue, compliance 1/2
    expect(await readFile(path.join(out, 'followups-sla.csv'), 'utf8')).toMatch(/\n48,2,1,0,1,1,2,0\.5,1\n$/);
  });

  it.each([
    [['--moment-positive', '0'], 'verbatim: moment thresholds: Expected `positive` to be a number in (0, 1], got `0`\n'],
    [['--moment-negative', 'x'], "error: option '--moment-negative <valence>' argument 'x' is invalid. expected a valence from -1 to 1, got `x`\n(run `verbatim --help` for the commands)\n"],
  ])('rejects bad thresholds %j', async (args, message) => {
    const run = await runCli(['report', ...args], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(message);
  });
});
