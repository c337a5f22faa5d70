import { escapeHtml } from './html-escape.js';
import { htmlTable, para } from './html-page.js';
import { contributionCells, CUSTOMERS_ONLY, EXPLAIN, headline, share, shift, type ComparedReport } from './render-compare.js';
import { reportThemeLabel } from './theme-notes.js';

/** The nav link to the comparison section, when the report has one. */
export function compareHtmlNav(report: ComparedReport): string {
  return report.comparison === undefined ? '' : '<a href="#comparison">Comparison</a>';
}

/**
 * The comparison section of the HTML report (the tables of the Markdown one, themes by
 * label, every text escaped); nothing without `--compare`.
 */
export function compareHtml(report: ComparedReport): string[] {
  const { comparison } = report;
  if (comparison === undefined) return [];
  const title = '<h2 id="comparison">Period comparison</h2>';
  if (comparison === null) return [title, para(`${CUSTOMERS_ONLY}.`)];
  const label = (theme: string): string => reportThemeLabel(report, theme);
  return [
    title,
    `<p class="headline">${escapeHtml(headline(comparison))}</p>`,
    para(EXPLAIN),
    htmlTable(
      ['theme', 'share', 'NPS', 'volume', 'rate', 'total', '95 % CI', ''],
      comparison.contributions.map((row) => [label(row.theme), ...contributionCells(row)]),
      new Set([3, 4, 5]),
    ),
    '<h3>Theme share of commented verbatims and share of negative mentions</h3>',
    para('Two-proportion z-test; ▲/▼ = p < 0.05.'),
    htmlTable(
      ['theme', 'share', 'change', 'negative mentions', 'change'],
      comparison.themes.map((row) => [label(row.theme), share(row.volume_share), shift(row.volume_share), share(row.negative_share), shift(row.negative_share)]),
      new Set([2, 4]),
    ),
  ];
}
