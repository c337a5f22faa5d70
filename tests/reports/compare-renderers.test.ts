import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CompareContribution, PeriodComparison } from '../../analysis/period-compare.js';
import type { ProportionChange } from '../../analysis/period-compare-proportions.js';
import type { ComparedReport } from '../../reports/render-compare.js';
import { renderCsvTables } from '../../reports/render-csv.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderText } from '../../reports/render-text.js';
import { reportFixture } from './report-fixture.js';

const FAKE_ASSETS = { chartJs: '/* chart */', matrixPlugin: '/* matrix */' };

const counts = { promoters: 0, passives: 0, detractors: 0 };
const unchanged: ProportionChange = { previous: 0.2, current: 0.2, change: 0, z: 0, p_value: 1, significant: false, direction: null };

function contribution(theme: string, volume: number, rate: number, direction: 'up' | 'down' | null): CompareContribution {
  const total = Math.round((volume + rate) * 10) / 10;
  return {
    theme,
    residual: theme === 'other',
    volume_effect: volume,
    rate_effect: rate,
    total,
    ci95: [total - 4, total + 4],
    volume_ci95: [volume - 2, volume + 2],
    rate_ci95: [rate - 2, rate + 2],
    significant: direction !== null,
    direction,
    share_previous: 0.25,
    share_current: 0.4,
    nps_previous: -20,
    nps_current: -42.9,
  };
}

/** −12.5 points from February to March: fees (labelled, with markup) down, the app flat, the rest in `other`. */
const comparison: PeriodComparison = {
  previous: { from: '2026-02-01', to: '2026-03-01', n: 60, score: 10, ci95: [-5, 25], ...counts },
  current: { from: '2026-03-01', to: '2026-04-01', n: 64, score: -2.5, ci95: [-18, 13], ...counts },
  change: -12.5,
  change_ci95: [-33.6, 8.6],
  change_direction: null,
  method: 'shift-share',
  contributions: [contribution('fees_pricing', -5.2, -11.5, 'down'), contribution('app', -1.3, 1.3, null), contribution('other', 0, 4.2, null)],
  themes: [
    { theme: 'fees_pricing', count_previous: 15, count_current: 26, volume_share: { ...unchanged, previous: 0.25, current: 0.406, change: 15.6, significant: true, direction: 'up' }, negative_share: unchanged },
    { theme: 'app', count_previous: 12, count_current: 12, volume_share: unchanged, negative_share: unchanged },
  ],
};

const labels = { fees_pricing: 'Fees & <pricing>', app: 'Mobile app' };
const compared: ComparedReport = { ...reportFixture, theme_labels: labels, comparison };
/** An employee report with `--compare`: customers' NPS only, so no comparison. */
const employees: ComparedReport = { ...reportFixture, comparison: null };

describe('the period comparison in every report format, themes by label', () => {
  it('text', () => {
    const text = renderText(compared);
    expect(text).toContain('Period comparison: NPS +10.0 (2026-02-01..2026-03-01, n=60) → -2.5 (2026-03-01..2026-04-01, n=64): change -12.5');
    expect(text).toMatch(/^Fees & <pricing>\s+25\.0 % → 40\.0 %\s+-20\.0 → -42\.9\s+-5\.2\s+-11\.5\s+-16\.7\s+\[-20\.7, -12\.7\]\s+▼$/m);
    expect(text).toMatch(/^Mobile app\s+25\.0 % → 40\.0 %/m);
    expect(text).toMatch(/^Fees & <pricing>\s+25\.0 % → 40\.6 %\s+\+15\.6 pt ▲/m);
  });

  it('Markdown', () => {
    const md = renderMarkdown(compared);
    expect(md).toContain('## Period comparison');
    expect(md).toMatch(/^\| Fees & &lt;pricing&gt; \| 25\.0 % → 40\.0 % \| .* \| -5\.2 \| -11\.5 \| -16\.7 \|/m);
    expect(md).toMatch(/^\| other \| .* \| \+?0\.0 \| \+4\.2 \| \+4\.2 \|/m);
  });

  it('HTML: a section and a nav link, labels escaped', () => {
    const html = renderHtml(compared, FAKE_ASSETS);
    expect(html).toContain('<a href="#comparison">Comparison</a>');
    expect(html).toContain('<h2 id="comparison">Period comparison</h2>');
    expect(html).toContain('change -12.5 [-33.6, 8.6]');
    expect(html).toMatch(/<td>Fees &amp; &lt;pricing&gt;<\/td><td>25\.0 % → 40\.0 %<\/td><td>-20\.0 → -42\.9<\/td><td class="num">-5\.2<\/td><td class="num">-11\.5<\/td><td class="num">-16\.7<\/td>/);
    expect(html).toContain('<td>Mobile app</td>');
    expect(html).not.toContain('<td>Fees & <pricing></td>');
  });

  it('CSV: three tables whose contributions add up to the change, with ids and labels', () => {
    const tables = renderCsvTables(compared);
    const read = (file: string): Record<string, string>[] => parseCsv(tables[file] ?? '', { columns: true }) as Record<string, string>[];
    const contributions = read('comparison-contributions.csv');
    expect(contributions.map((row) => [row['theme'], row['label'], row['total'], row['direction']])).toEqual([
      ['fees_pricing', 'Fees & <pricing>', '-16.7', 'down'],
      ['app', 'Mobile app', '0', ''],
      ['other', 'other', '4.2', ''],
    ]);
    const periods = read('comparison-periods.csv');
    expect(periods.map((row) => [row['period'], row['nps'], row['change']])).toEqual([
      ['previous', '10', ''],
      ['current', '-2.5', '-12.5'],
    ]);
    expect(contributions.reduce((sum, row) => sum + Number(row['total']), 0)).toBeCloseTo(Number(periods[1]?.['change']), 9);
    expect(read('comparison-themes.csv')[0]).toMatchObject({ theme: 'fees_pricing', label: 'Fees & <pricing>', share_change: '15.6', share_direction: 'up' });
  });

  it('says why there is no comparison in an employee report', () => {
    expect(renderText(employees)).toContain('Period comparison: NPS of customers only');
    expect(renderHtml(employees, FAKE_ASSETS)).toContain('<h2 id="comparison">Period comparison</h2>\n<p>NPS of customers only');
    expect(parseCsv(renderCsvTables(employees)['comparison-contributions.csv'] ?? '', { columns: true })).toEqual([]);
  });

  it('adds nothing without --compare', () => {
    expect(renderText(reportFixture)).not.toContain('Period comparison');
    expect(renderHtml(reportFixture, FAKE_ASSETS)).not.toContain('id="comparison"');
    expect(Object.keys(renderCsvTables(reportFixture)).filter((file) => file.startsWith('comparison'))).toEqual([]);
  });
});
