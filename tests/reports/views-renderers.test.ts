import { describe, expect, it } from 'vitest';
import type { RootCause } from '../../analysis/root-cause.js';
import { loadChartAssets } from '../../reports/chart-assets.js';
import { escapeHtml, jsonForScript, scriptForInline } from '../../reports/html-escape.js';
import { renderCsvTables } from '../../reports/render-csv.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderRootCauseCsv } from '../../reports/render-root-cause-csv.js';
import { renderRootCauseHtml } from '../../reports/render-root-cause-html.js';
import { renderRootCauseMarkdown } from '../../reports/render-root-cause-markdown.js';
import { renderRootCauseText } from '../../reports/render-root-cause-text.js';
import { renderText } from '../../reports/render-text.js';
import { reportFixture } from './report-fixture.js';

const FAKE_ASSETS = { chartJs: 'window.Chart = function () {}; /* </script> inside the library */', matrixPlugin: '/* matrix */' };

const rootCause: RootCause = {
  generated_at: '2026-11-24T00:00:00.000Z',
  filters: {},
  theme: 'fees_pricing',
  label: 'Fees & <pricing>',
  commented: 10,
  driver: reportFixture.drivers[0] ?? null,
  summary: [{ text: 'Fees & <pricing> (fees_pricing) is in 3 of 10 commented verbatims (30.0 %).', source: 'driver' }],
  cooccurring: [{ theme: 'advisor_quality', count: 1, share: 0.3333, lift: 0.78, g2: 0.08, p_value: 0.78, significant: false }],
  phrases: [{ phrase: 'fees', target_docs: 3, target_share: 1, reference_docs: 0, reference_share: 0, ratio: null, g2: 12.22, p_value: 0.0005, significant: true }],
  phrases_sampled: false,
  journey: [{ dimension: 'journey', value: 'billing_statements', theme_count: 3, theme_share: 1, others_share: 0, ratio: null, g2: 12.22, p_value: 0.0005, significant: true }],
  segments: [],
  trend: { granularity: 'month', periods: reportFixture.trends.periods, themes: reportFixture.trends.themes },
  verbatims: [
    {
      id: 'v_1',
      external_id: '=R-1',
      source: 'nps-test',
      created_at: '2026-03-08T09:30:00.000Z',
      text: 'Account fees <b>are</b> high',
      nps: 8,
      journey: 'billing_statements',
      score: -0.2,
      sentiment: 'negative',
      evidence: 'fees <b>are</b> high',
      evidence_span: [8, 28],
    },
  ],
};

describe('text and Markdown show every view', () => {
  it('text', () => {
    const text = renderText(reportFixture);
    expect(text).toContain('Key drivers (regression of NPS points on themes, n=10, R² 0.500)');
    expect(text).toMatch(/fees_pricing\s+100\.0 %\s+-138\.1\s+-0\.707/);
    expect(text).toMatch(/<b>Paris<\/b>\s+5\s+-40\.0\s+\[-82\.9, 2\.9\]\s+fees_pricing \(-40\.0\)/);
    expect(text).toContain('support_contact');
    expect(text).toContain('douleur (+/−)');
    expect(text).toContain('eNPS (employee answers) -100.0');
    expect(text).toContain('Follow-ups (callback within 48 h): 2 opened, 1 closed, 1 in time; SLA compliance 50.0 % of 2 due; 1 overdue');
    expect(text).toContain('suggested_1 “carte bloquée” ~3: carte bloquée');
  });

  it('Markdown escapes markup and pipes in cells', () => {
    const markdown = renderMarkdown(reportFixture);
    expect(markdown).toContain('## Key drivers (regression)');
    expect(markdown).toContain('| fees_pricing | 100.0 % | 0.5000 | -138.1 | -0.707 |');
    expect(markdown).toContain('| &lt;b&gt;Paris&lt;/b&gt; | 5 | -40.0 | [-82.9, 2.9] | fees_pricing -40.0 |');
    expect(markdown).toContain('| 2026-03 | 6 | +16.7 | [-50.0, 83.3] | 50.0 % (-58.3) |');
    expect(markdown).toContain('| support_contact | 6 | +0.83 | 5 | -0.80 | douleur (+/−) |');
    expect(markdown).toContain('SLA compliance: **50.0 %** of the 2 due called back in time; **1 overdue**.');
    expect(markdown).toContain('Ma carte bloquée &lt;img src=x onerror=alert(1)&gt;');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('Left out: =cmd\\|x (in no verbatim).');
  });
});

describe('HTML report', () => {
  it('escapes every text from the data and keeps the JSON from closing its script', () => {
    const html = renderHtml(reportFixture, FAKE_ASSETS);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Ma carte bloquée &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;Paris&lt;/b&gt;');
    expect(html).not.toContain('frais <script>');
    const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ who: 'NPS', impact: [{ theme: 'fees_pricing', impact: -41.4, ci95: [-60.3, -22.5], significant: true }] });
    expect(html).toContain('<\\/script> inside the library');
  });

  it('is self-contained: the chart library inline, a policy that forbids any request, no URL to load', async () => {
    const html = renderHtml(reportFixture, await loadChartAssets());
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/);
    expect(html).toContain('Chart.js v4');
    expect(html).toContain('chartjs-chart-matrix');
    for (const id of ['impact-chart', 'trend-chart', 'journey-heatmap', 'moment-chart']) expect(html).toContain(`id="${id}"`);
  });

  it.each([
    ['<a href="x">&</a>', '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'],
    ["it's", 'it&#39;s'],
  ])('escapeHtml(%s)', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('JSON and inline scripts cannot end their element', () => {
    expect(jsonForScript({ text: '</script><!--' })).toBe('{"text":"\\u003c/script>\\u003c!--"}');
    expect(scriptForInline('a = "</SCRIPT>"')).toBe('a = "<\\/SCRIPT>"');
  });
});

describe('CSV tables', () => {
  it('one file a table, cells defused', () => {
    const tables = renderCsvTables(reportFixture);
    expect(Object.keys(tables)).toEqual([
      'drivers.csv',
      'key-drivers.csv',
      'breakdowns.csv',
      'trends.csv',
      'journey.csv',
      'emerging.csv',
      'suggested-themes.csv',
      'moments.csv',
      'enps-drivers.csv',
      'followups-sla.csv',
      'followups-overdue.csv',
    ]);
    expect(tables['journey.csv']?.split('\n').slice(0, 2)).toEqual(['step,n,nps,theme,count,impact', 'billing_statements,3,-66.7,fees_pricing,3,']);
    expect(tables['suggested-themes.csv']?.split('\n')[1]).toBe('suggested_1,carte bloquée,3,3,carte bloquée (3),Ma carte bloquée <img src=x onerror=alert(1)>');
    expect(tables['enps-drivers.csv']).toBe(`${['theme', 'count', 'share', 'sentiment_score', 'nps_with', 'nps_without', 'impact', 'ci95_low', 'ci95_high', 'significant'].join(',')}\n`);
    expect(tables['followups-sla.csv']?.split('\n')[1]).toBe('48,2,1,0,1,1,2,0.5,1');
    expect(tables['key-drivers.csv']?.split('\n')[1]).toBe('fees_pricing,3,-138.1,-0.707,0.5,1');
    expect(tables['breakdowns.csv']).toContain('branch,<b>Paris</b>,5,-40,-82.9,2.9,fees_pricing,3,0.6,-0.6,-66.7,0,-40,-80,0,false');
    expect(tables['moments.csv']).toContain('support_contact,6,0.833,positive,5,-0.8,negative,douleur');
    expect(tables['followups-overdue.csv']?.split('\n')[1]).toBe('2,v_10,R-10,nps-test,0,open,,2026-03-12T09:30:00.000Z,24');
  });
});

describe('root-cause renderers', () => {
  it('text and Markdown carry the summary with its sources and the evidence', () => {
    expect(renderRootCauseText(rootCause)).toContain('- Fees & <pricing> (fees_pricing) is in 3 of 10 commented verbatims (30.0 %).  [driver]');
    const markdown = renderRootCauseMarkdown(rootCause);
    expect(markdown).toContain('# Root cause: Fees & &lt;pricing&gt; (`fees_pricing`)');
    expect(markdown).toContain('evidence: “fees &lt;b&gt;are&lt;/b&gt; high” [8, 28)');
  });

  it('HTML highlights the evidence span, escaped', () => {
    const html = renderRootCauseHtml(rootCause, FAKE_ASSETS);
    expect(html).toContain('Account <mark>fees &lt;b&gt;are&lt;/b&gt; high</mark>');
    expect(html).toContain('<title>Root cause: Fees &amp; &lt;pricing&gt;</title>');
  });

  it('CSV defuses formula starts', () => {
    const lines = renderRootCauseCsv(rootCause).trim().split('\n');
    expect(lines[1]).toBe("fees_pricing,v_1,'=R-1,nps-test,2026-03-08T09:30:00.000Z,8,billing_statements,-0.2,negative,fees <b>are</b> high,8,28,Account fees <b>are</b> high");
  });
});
