import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../analysis/report.js';
import { defuseCell } from '../../reports/csv-safe.js';
import { writeExport } from '../../reports/export.js';
import { renderCsv } from '../../reports/render-csv.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderText } from '../../reports/render-text.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { reportFixture } from './report-fixture.js';

const report: Report = reportFixture;

describe('CSV defusing', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+33 6', "'+33 6"],
    ['-2', "'-2"],
    ['@import', "'@import"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    [-2, -2],
  ])('%s', (input, expected) => {
    expect(defuseCell(input)).toBe(expected);
  });
});

describe('renderers', () => {
  it('text shows the headline, the drivers and the journey', () => {
    const text = renderText(report);
    expect(text).toContain('NPS +30.0  95% CI [-18.4, 78.4]  n=10');
    expect(text).toMatch(/fees_pricing\s+3\s+30\.0 %\s+-0\.60\s+-66\.7\s+\+71\.4\s+-41\.4\s+\[-60\.3, -22\.5\]\s+\*/);
    expect(text).toMatch(/billing_statements\s+3\s+-66\.7/);
  });

  it('Markdown has the tables and escapes pipes', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| fees_pricing | 3 | 30.0 % | -0.60 | -66.7 | +71.4 | -41.4 * | [-60.3, -22.5] |');
    expect(markdown).toContain('=cmd\\|x');
  });

  it('CSV defuses cells a spreadsheet would run', () => {
    const lines = renderCsv(report).trim().split('\n');
    expect(lines[0]).toBe('theme,count,share,sentiment_score,nps_with,nps_without,impact,ci95_low,ci95_high,significant');
    expect(lines[1]).toBe('fees_pricing,3,0.3,-0.6,-66.7,71.4,-41.4,-60.3,-22.5,true');
    expect(lines[2]?.startsWith("'=cmd|x,")).toBe(true);
  });
});

describe('writeExport', () => {
  async function run(format: 'jsonl' | 'csv'): Promise<string> {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const verbatim = enriched(surveyAnswer(1, { text: '=HYPERLINK("http://evil")', nps: 3, segments: { branch: 'Lyon' } }));
    async function* pages() {
      yield [verbatim];
    }
    expect(await writeExport(pages(), format, out)).toBe(1);
    return chunks.join('');
  }

  it('JSONL carries the record and the pipe-mode fields', async () => {
    const record = JSON.parse(await run('jsonl')) as Record<string, unknown>;
    expect(record).toMatchObject({ external_id: 'R-1', text: '=HYPERLINK("http://evil")', nps: 3, branch: 'Lyon', lang: 'en', sentiment: 'mixed', nps_category: 'detractor', journey: 'everyday_use' });
    expect(record['themes']).toEqual([
      { theme: 'advisor_quality', sentiment: 'positive', score: 0.6, evidence: 'the advisor was helpful' },
      { theme: 'fees_pricing', sentiment: 'negative', score: -0.7, evidence: 'the fees are too high' },
    ]);
  });

  it('CSV defuses the formula in the text', async () => {
    const csv = await run('csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('advisor_quality:positive;fees_pricing:negative');
  });
});
