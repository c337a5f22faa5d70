import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../analysis/report.js';
import type { RootCause } from '../analysis/root-cause.js';
import { loadChartAssets, type ChartAssets } from './chart-assets.js';
import { csvFile } from './csv-bom.js';
import { renderCsv, renderCsvTables } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderRootCauseCsv } from './render-root-cause-csv.js';
import { renderRootCauseHtml } from './render-root-cause-html.js';
import { renderRootCauseMarkdown } from './render-root-cause-markdown.js';
import { renderRootCauseText } from './render-root-cause-text.js';
import { renderText } from './render-text.js';

/** The formats a report is rendered in (`verbatim report --format`). */
export const REPORT_FORMATS = ['text', 'md', 'json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type Renderer<T> = (value: T, assets: ChartAssets) => string;

/** Each format's renderer and the file it is written to: one table, so a format cannot miss its file name. */
const RENDERERS: Readonly<Record<ReportFormat, { render: Renderer<Report>; file: string }>> = {
  text: { render: renderText, file: 'report.txt' },
  md: { render: renderMarkdown, file: 'report.md' },
  json: { render: renderJson, file: 'report.json' },
  csv: { render: renderCsv, file: 'drivers.csv' },
  html: { render: renderHtml, file: 'report.html' },
};

const ROOT_CAUSE_RENDERERS: Readonly<Record<ReportFormat, { render: Renderer<RootCause>; file: (theme: string) => string }>> = {
  text: { render: renderRootCauseText, file: (theme) => `root-cause-${theme}.txt` },
  md: { render: renderRootCauseMarkdown, file: (theme) => `root-cause-${theme}.md` },
  json: { render: (rootCause) => `${JSON.stringify(rootCause, null, 2)}\n`, file: (theme) => `root-cause-${theme}.json` },
  csv: { render: renderRootCauseCsv, file: (theme) => `root-cause-${theme}.csv` },
  html: { render: renderRootCauseHtml, file: (theme) => `root-cause-${theme}.html` },
};

/** No chart library: what every format but HTML renders with. */
const NO_ASSETS: ChartAssets = { chartJs: '', matrixPlugin: '' };

/** The chart assets `format` needs: the chart library for HTML (read from the installed packages), nothing otherwise. */
export async function chartAssetsFor(format: ReportFormat): Promise<ChartAssets> {
  return format === 'html' ? loadChartAssets() : NO_ASSETS;
}

/**
 * The report in one format, as one text (for stdout; CSV is then the drivers table).
 *
 * @example process.stdout.write(renderReport(report, 'md', await chartAssetsFor('md')))
 */
export function renderReport(report: Report, format: ReportFormat, assets: ChartAssets): string {
  return RENDERERS[format].render(report, assets);
}

/** One theme's root cause in one format, as one text. */
export function renderRootCause(rootCause: RootCause, format: ReportFormat, assets: ChartAssets): string {
  return ROOT_CAUSE_RENDERERS[format].render(rootCause, assets);
}

/**
 * Writes the report in the given formats into `dir` (created if missing); returns the
 * paths. CSV writes one file a table, each with a UTF-8 BOM for Excel; HTML inlines the chart library (read once if not given).
 *
 * @example await writeReportFiles(report, '.verbatim/reports', ['md', 'json', 'csv', 'html']) // ['.verbatim/reports/report.md', …]
 */
export async function writeReportFiles(report: Report, dir: string, formats: readonly ReportFormat[], assets?: ChartAssets): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const chartAssets = assets ?? (formats.includes('html') ? await loadChartAssets() : NO_ASSETS);
  const paths: string[] = [];
  for (const format of formats) {
    const files = format === 'csv' ? renderCsvTables(report) : { [RENDERERS[format].file]: renderReport(report, format, chartAssets) };
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(dir, file);
      await writeFile(target, format === 'csv' ? csvFile(text) : text);
      paths.push(target);
    }
  }
  return paths;
}

/**
 * Writes one theme's root cause into `dir` as `root-cause-THEME.EXT` (the theme id made
 * safe for a file name); returns the path.
 *
 * @example await writeRootCauseFile(rootCause, 'fees', 'out', 'md') // 'out/root-cause-fees.md'
 */
export async function writeRootCauseFile(rootCause: RootCause, theme: string, dir: string, format: ReportFormat, assets?: ChartAssets): Promise<string> {
  await mkdir(dir, { recursive: true });
  const renderer = ROOT_CAUSE_RENDERERS[format];
  const target = path.join(dir, renderer.file(theme.replace(/[^\w.-]/g, '_')));
  const text = renderer.render(rootCause, assets ?? (await chartAssetsFor(format)));
  await writeFile(target, format === 'csv' ? csvFile(text) : text);
  return target;
}
