import { describe, expect, it } from 'vitest';
import type { Report } from '../../analysis/report.js';
import { htmlChartData } from '../../reports/html-chart-data.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderText } from '../../reports/render-text.js';
import { hiddenCellsNote, hiddenThemesNote } from '../../reports/theme-notes.js';
import { reportFixture } from './report-fixture.js';

const FAKE_ASSETS = { chartJs: '/* chart */', matrixPlugin: '/* matrix */' };

/**
 * The fixture as a database with a taxonomy gives it: labels (one with markup), three
 * themes under a minimum count of 5, and a journey step with a significant 40-verbatim
 * cell, a small one and two cells left out.
 */
const labelled: Report = {
  ...reportFixture,
  theme_labels: { fees_pricing: 'Fees & <pricing>', app: 'Mobile app' },
  drivers: reportFixture.drivers.map((driver) => ({ ...driver, label: driver.theme === 'fees_pricing' ? 'Fees & <pricing>' : driver.label })),
  hidden_themes: { min_count: 5, drivers: 3 },
  journey: [
    {
      step: 'billing_statements',
      n: 100,
      nps: 0,
      themes: [
        { theme: 'fees_pricing', label: 'Fees & <pricing>', count: 40, impact: -58.3, ci95: [-75.1, -40.2], significant: true },
        { theme: 'app', label: 'Mobile app', count: 7, impact: 0, ci95: [-20.4, 19.8], significant: false },
      ],
      hidden_themes: 2,
    },
  ],
};

describe('theme labels and hidden themes in the reports', () => {
  it.each([
    [0, ''],
    [1, 'Themes with fewer than 5 verbatims are not shown (1 theme).'],
    [3, 'Themes with fewer than 5 verbatims are not shown (3 themes).'],
  ])('hiddenThemesNote(5, %i) = %j', (hidden, note) => {
    expect(hiddenThemesNote(5, hidden)).toBe(note);
  });

  it('hiddenCellsNote adds up the steps', () => {
    expect(hiddenCellsNote(5, [{ hidden_themes: 2 }, { hidden_themes: 1 }])).toBe('Themes with fewer than 5 verbatims at a step are not shown (3 step × theme cells).');
    expect(hiddenCellsNote(5, [{ hidden_themes: 0 }])).toBe('');
  });

  it('text: labels instead of ids, the minimum count stated, journey cells marked', () => {
    const text = renderText(labelled);
    expect(text).toMatch(/^Fees & <pricing>\s+3\s+30\.0 %/m);
    expect(text).not.toMatch(/^fees_pricing\s/m);
    // key drivers, breakdowns: the label too
    expect(text).toMatch(/^Fees & <pricing>\s+100\.0 %\s+-138\.1/m);
    expect(text).toContain('Fees & <pricing> (-40.0)');
    expect(text).toContain('Themes with fewer than 5 verbatims are not shown (3 themes).');
    expect(text).toContain('Fees & <pricing> (40, -58.3*), Mobile app (7, 0.0, n < 30)');
    expect(text).toContain('Themes with fewer than 5 verbatims at a step are not shown (2 step × theme cells).');
  });

  it('Markdown: the same, escaped for a table', () => {
    const markdown = renderMarkdown(labelled);
    expect(markdown).toContain('| Fees & &lt;pricing&gt; | 3 | 30.0 % |');
    expect(markdown).toContain('Themes with fewer than 5 verbatims are not shown (3 themes).');
    expect(markdown).toContain('Fees & &lt;pricing&gt; (40, -58.3*), Mobile app (7, 0.0, n &lt; 30)');
  });

  it('HTML: labels escaped, the notes as paragraphs, the heatmap by label with its marks', () => {
    const html = renderHtml(labelled, FAKE_ASSETS);
    expect(html).toContain('<td>Fees &amp; &lt;pricing&gt;</td>');
    expect(html).not.toContain('<td>fees_pricing</td>');
    expect(html).toContain('<p>Themes with fewer than 5 verbatims are not shown (3 themes).</p>');
    expect(html).toContain('Fees &amp; &lt;pricing&gt; (40, -58.3*), Mobile app (7, 0.0, n &lt; 30)');
    const charts = htmlChartData(labelled);
    expect(charts.heatmap.themes).toEqual(['Fees & <pricing>', 'Mobile app']);
    expect(charts.heatmap.cells).toEqual([
      { x: 'Fees & <pricing>', y: 'billing_statements', v: -58.3, n: 40, s: true },
      { x: 'Mobile app', y: 'billing_statements', v: 0, n: 7, s: false },
    ]);
    expect(charts.impact[0]).toMatchObject({ theme: 'fees_pricing', label: 'Fees & <pricing>' });
  });

  it('no note when nothing is left out, and ids where the taxonomy has no label', () => {
    const text = renderText(reportFixture);
    expect(text).not.toContain('are not shown');
    expect(text).toMatch(/^fees_pricing\s+3\s/m);
  });
});
