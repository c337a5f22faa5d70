import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodComparison } from '../../analysis/period-compare.js';
import { openDatabase } from '../../db/open-database.js';
import { syncThemes } from '../../db/themes.table.js';
import { EXPECTED_CONTRIBUTIONS, seedCompareData } from '../analysis/period-compare-fixture.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** The built command on the hand-computed fixture of tests/analysis/period-compare-fixture.ts. */
describe('verbatim report --compare', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-compare-'));
    env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
    await seedMigratedPglite(path.join(dir, 'data'));
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      await seedCompareData(opened.db);
      await syncThemes(opened.db, [{ id: 'app', parentId: null, label: 'Mobile app', description: null }]);
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['--compare previous (March has 31 days: from 29 January)', ['--compare', 'previous'], '2026-01-29'],
    ['--compare FROM..TO', ['--compare', '2026-02-01..2026-03-01'], '2026-02-01'],
    ['--compare-from/--compare-to (CONTRACT.md)', ['--compare-from', '2026-02-01', '--compare-to', '2026-03-01'], '2026-02-01'],
  ])('%s: JSON "comparison" whose totals add up to the change', async (_name, args, previousFrom) => {
    const run = await runCli(['report', '--format', 'json', '--from', '2026-03-01', '--to', '2026-04-01', '--min-count', '1', ...args], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { comparison, nps } = JSON.parse(run.stdout) as { comparison: PeriodComparison; nps: { score: number } };
    expect(comparison.current).toMatchObject({ from: '2026-03-01', to: '2026-04-01', score: nps.score });
    expect(comparison.previous).toMatchObject({ from: previousFrom, to: '2026-03-01', score: 16.7 });
    expect(comparison.change).toBe(-33.3);
    expect(comparison.contributions.map((row) => [row.theme, row.volume_effect, row.rate_effect, row.total])).toEqual(EXPECTED_CONTRIBUTIONS);
    expect(comparison.contributions.reduce((sum, row) => sum + row.total, 0)).toBeCloseTo(comparison.change ?? Number.NaN, 9);
  });

  it('text and Markdown print the comparison section', async () => {
    const args = ['report', '--from', '2026-03-01', '--to', '2026-04-01', '--min-count', '1', '--compare', '2026-02-01..2026-03-01'];
    const text = await runCli(args, { env });
    expect(text.stdout).toContain('Period comparison: NPS +16.7 (2026-02-01..2026-03-01, n=6) → -16.7 (2026-03-01..2026-04-01, n=6): change -33.3');
    expect(text.stdout).toMatch(/fees\s+41\.7 % → 58\.3 %\s+-20\.0 → -42\.9\s+-5\.2\s+-11\.5\s+-16\.7/);
    const md = await runCli([...args, '--format', 'md'], { env });
    expect(md.stdout).toContain('## Period comparison');
    expect(md.stdout).toMatch(/\| other \| .* \| \+?0\.0 \| -16\.6 \| -16\.6 \|/);
    expect(md.stdout).toMatch(/^\| Mobile app \| /m);
  });

  it('HTML and CSV files carry the comparison too, themes by label', async () => {
    const out = path.join(dir, 'out');
    const args = ['report', '--from', '2026-03-01', '--to', '2026-04-01', '--min-count', '1', '--compare', '2026-02-01..2026-03-01', '--out', out];
    expect((await runCli([...args, '--format', 'html'], { env })).code).toBe(0);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="comparison">Period comparison</h2>');
    expect(html).toMatch(/<td>Mobile app<\/td><td>[^<]+<\/td><td>[^<]+<\/td><td class="num">-13\.3<\/td><td class="num">\+13\.3<\/td>/);
    expect((await runCli([...args, '--format', 'csv'], { env })).code).toBe(0);
    const csv = (await readFile(path.join(out, 'comparison-contributions.csv'), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(csv[0]).toMatch(/^theme,label,residual,/);
    expect(csv.slice(1, 4).map((line) => line.split(',').slice(0, 2).concat(line.split(',')[9] ?? ''))).toEqual([
      ['fees', 'fees', '-16.7'],
      ['app', 'Mobile app', '0'],
      ['other', 'other', '-16.6'],
    ]);
    expect(await readFile(path.join(out, 'comparison-periods.csv'), 'utf8')).toMatch(/\ncurrent,2026-03-01,2026-04-01,6,-16\.7,[^,]*,[^,]*,-33\.3,/);
  });

  it('without --compare the JSON has no comparison (additive)', async () => {
    const run = await runCli(['report', '--format', 'json', '--min-count', '1'], { env });
    expect(JSON.parse(run.stdout)).not.toHaveProperty('comparison');
  });

  it.each([
    [['--compare', 'last-month'], /--compare.*Expected `previous` or FROM\.\.TO/],
    [['--compare-from', '2026-02-01'], /--compare-from and --compare-to go together/],
    [['--compare', 'previous', '--theme', 'fees'], /leave out --theme/],
    [['--compare', 'previous', '--from', '2026-04-01', '--to', '2026-03-01'], /--compare: Expected the period to compare to end after it starts/],
  ])('%j is a usage error', async (args, message) => {
    const run = await runCli(['report', ...args], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
