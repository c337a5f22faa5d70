import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCsvTables } from '../../reports/render-csv.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { chartAssetsFor, renderReport, writeReportFiles } from '../../reports/write-report-files.js';
import { reportFixture } from './report-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-report-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Small fake chart assets: what matters is that the HTML file inlines what it is given. */
const assets = { chartJs: '/* chart.js here */', matrixPlugin: '/* matrix plugin here */' };

describe('writeReportFiles', () => {
  it.each([
    ['md', ['report.md']],
    ['json', ['report.json']],
    ['html', ['report.html']],
    ['text', ['report.txt']],
    ['csv', Object.keys(renderCsvTables(reportFixture))],
  ] as const)('writes the %s report as %j into a folder it creates', async (format, files) => {
    const out = path.join(dir, format, 'nested');
    const written = await writeReportFiles(reportFixture, out, [format], assets);
    expect(written).toEqual(files.map((file) => path.join(out, file)));
    expect((await readdir(out)).sort()).toEqual([...files].sort());
  });

  it('writes several formats at once, each file as its renderer makes it, the chart library inlined in the HTML', async () => {
    const out = path.join(dir, 'all');
    const written = await writeReportFiles(reportFixture, out, ['md', 'json', 'csv', 'html'], assets);
    expect(written.map((file) => path.basename(file))).toEqual(['report.md', 'report.json', ...Object.keys(renderCsvTables(reportFixture)), 'report.html']);
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toBe(renderMarkdown(reportFixture));
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain('/* chart.js here */');
  });

  it('needs no chart assets for the formats without charts', async () => {
    const noCharts = await chartAssetsFor('md');
    expect(noCharts).toEqual({ chartJs: '', matrixPlugin: '' });
    expect(renderReport(reportFixture, 'md', noCharts)).toBe(renderMarkdown(reportFixture));
  });
});
