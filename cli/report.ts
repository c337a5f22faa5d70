import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { MomentThresholds } from '../analysis/moment-matrix.js';
import { PERIOD_GRANULARITIES, type PeriodGranularity } from '../analysis/periods.js';
import type { Report } from '../analysis/report.js';
import type { ReportFilters } from '../analysis/report-filters.js';
import type { RootCause } from '../analysis/root-cause.js';
import { loadChartAssets, type ChartAssets } from '../reports/chart-assets.js';
import { renderCsv, renderCsvTables } from '../reports/render-csv.js';
import { renderHtml } from '../reports/render-html.js';
import { renderJson } from '../reports/render-json.js';
import { renderMarkdown } from '../reports/render-markdown.js';
import { renderRootCauseCsv } from '../reports/render-root-cause-csv.js';
import { renderRootCauseHtml } from '../reports/render-root-cause-html.js';
import { renderRootCauseMarkdown } from '../reports/render-root-cause-markdown.js';
import { renderRootCauseText } from '../reports/render-root-cause-text.js';
import { renderText } from '../reports/render-text.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import { UsageError } from '../core/errors.js';
import type { TextEmbedder } from '../models/transformer/load-transformer-models.js';
import type { CliContext } from './context.js';
import { isIsoDate } from '../core/iso-date.js';
import { oneOf, positiveInteger } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

export const REPORT_FORMATS = ['text', 'md', 'json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type Renderer<T> = (value: T, assets: ChartAssets) => string;

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

interface ReportOptions {
  format: ReportFormat;
  out?: string;
  theme?: string;
  from?: string;
  to?: string;
  segment: Record<string, string>;
  source?: string;
  respondent: Respondent;
  minCount: number;
  granularity?: PeriodGranularity;
  recentDays?: number;
  baselineDays?: number;
  momentPositive?: number;
  momentNegative?: number;
  momentMinAnswers?: number;
  modelDir?: string;
}

/** `verbatim report`: the report (or one theme's root cause with `--theme`) from SQL aggregates, in text, Markdown, JSON, CSV or HTML. */
export const registerReport: CommandRegistration = (program, context) => {
  program
    .command('report')
    .description('NPS, drivers, key drivers, journey, segments, trends, emerging themes, moments, follow-ups; --theme ID for a root cause')
    .option('--format <format>', REPORT_FORMATS.join(' | '), oneOf(REPORT_FORMATS), 'text')
    .option('--out <dir>', 'write the report into this folder instead of stdout (csv: one file a table)')
    .option('--theme <id>', 'root-cause summary of this theme instead of the whole report')
    .option('--from <date>', 'from this date (inclusive)', parseDateOption)
    .option('--to <date>', 'up to this date (exclusive)', parseDateOption)
    .option('--segment <key=value...>', 'only this segment (repeatable)', collectSegment, {})
    .option('--source <name>', 'only this source')
    .option('--respondent <who>', 'customer (NPS) or employee (eNPS)', oneOf(RESPONDENTS), 'customer')
    .option('--min-count <n>', 'least verbatims for a theme to be a driver', positiveInteger, 5)
    .option('--granularity <period>', `trend periods: ${PERIOD_GRANULARITIES.join(' | ')} (default: month beyond 26 weeks of data)`, oneOf(PERIOD_GRANULARITIES))
    .option('--recent-days <n>', 'emerging: days of the recent window, ending at the last verbatim (default 30)', positiveInteger)
    .option('--baseline-days <n>', 'emerging: days of the baseline window before it (default 90)', positiveInteger)
    .option('--moment-positive <valence>', 'moment matrix: valence counted as positive from (default 0.1)', parseValence)
    .option('--moment-negative <valence>', 'moment matrix: valence counted as negative up to (default -0.1)', parseValence)
    .option('--moment-min-answers <n>', 'moment matrix: fewer answers on a side is no signal (default 5)', positiveInteger)
    .option('--model-dir <dir>', 'transformer-tier models: suggested themes clustered by meaning with its embeddings/')
    .action(async (options: ReportOptions) => {
      const filters: ReportFilters = {
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
        ...(Object.keys(options.segment).length === 0 ? {} : { segments: options.segment }),
        ...(options.source === undefined ? {} : { source: options.source }),
        respondent: options.respondent,
      };
      const momentThresholds = await thresholdsFrom(options);
      const assets = options.format === 'html' ? await loadChartAssets() : { chartJs: '', matrixPlugin: '' };
      const out = options.out === undefined ? undefined : path.resolve(context.cwd, options.out);
      if (options.theme !== undefined) {
        const theme = options.theme;
        const { buildRootCause } = await import('../analysis/root-cause.js');
        const rootCause = await withDatabase(context, (db) => buildRootCause(db, filters, theme, context.now(), options.granularity === undefined ? {} : { granularity: options.granularity }));
        const renderer = ROOT_CAUSE_RENDERERS[options.format];
        const text = renderer.render(rootCause, assets);
        if (out === undefined) {
          context.stdout.write(text);
          return;
        }
        await mkdir(out, { recursive: true });
        const target = path.join(out, renderer.file(theme.replace(/[^\w.-]/g, '_')));
        await writeFile(target, text);
        context.stdout.write(`wrote ${target}\n`);
        return;
      }
      const { buildReport } = await import('../analysis/report.js');
      const embedder = await embedderFor(context, options.modelDir);
      const report = await withDatabase(context, (db) =>
        buildReport(db, filters, context.now(), {
          minCount: options.minCount,
          ...(options.granularity === undefined ? {} : { granularity: options.granularity }),
          emerging: { ...(options.recentDays === undefined ? {} : { recentDays: options.recentDays }), ...(options.baselineDays === undefined ? {} : { baselineDays: options.baselineDays }) },
          momentThresholds,
          ...(embedder === undefined ? {} : { embedder }),
        }),
      );
      if (out === undefined) {
        context.stdout.write(RENDERERS[options.format].render(report, assets));
        return;
      }
      const written = await writeReportFiles(report, out, [options.format], assets);
      context.stdout.write(`wrote ${written.join(', ')}\n`);
    });
};

/**
 * The sentence embedder of the folder `--model-dir` names (its `embeddings/` must be
 * there). Only when asked: VERBATIM_MODEL_DIR alone does not make every report
 * embed thousands of texts.
 */
async function embedderFor(context: Pick<CliContext, 'cwd'>, modelDirOption: string | undefined): Promise<TextEmbedder | undefined> {
  if (modelDirOption === undefined) return undefined;
  // Imported only here: a report without a model folder never loads transformers.js.
  const { loadTextEmbedder } = await import('../models/transformer/load-transformer-models.js');
  return loadTextEmbedder(path.resolve(context.cwd, modelDirOption));
}

/**
 * Writes the report in the given formats into `dir`; returns the paths. CSV writes
 * one file a table; HTML inlines the chart library (read once if not given).
 */
export async function writeReportFiles(report: Report, dir: string, formats: readonly ReportFormat[], assets?: ChartAssets): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const chartAssets = assets ?? (formats.includes('html') ? await loadChartAssets() : { chartJs: '', matrixPlugin: '' });
  const paths: string[] = [];
  for (const format of formats) {
    const files = format === 'csv' ? renderCsvTables(report) : { [RENDERERS[format].file]: RENDERERS[format].render(report, chartAssets) };
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(dir, file);
      await writeFile(target, text);
      paths.push(target);
    }
  }
  return paths;
}

async function thresholdsFrom(options: ReportOptions): Promise<MomentThresholds> {
  const { validateMomentThresholds } = await import('../analysis/moment-matrix.js');
  try {
    return validateMomentThresholds({
      ...(options.momentPositive === undefined ? {} : { positive: options.momentPositive }),
      ...(options.momentNegative === undefined ? {} : { negative: options.momentNegative }),
      ...(options.momentMinAnswers === undefined ? {} : { minAnswers: options.momentMinAnswers }),
    });
  } catch (error) {
    throw new UsageError(`moment thresholds: ${(error as Error).message}`);
  }
}

function parseValence(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < -1 || number > 1) throw new InvalidArgumentError(`expected a valence from -1 to 1, got \`${value}\``);
  return number;
}

function parseDateOption(value: string): string {
  if (!isIsoDate(value)) {
    throw new InvalidArgumentError(`expected a date like 2026-06-30, got \`${value}\``);
  }
  return value;
}

function collectSegment(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([^=:]+)[=:](.*)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected KEY=VALUE, got \`${value}\``);
  return { ...previous, [(match[1] as string).trim()]: (match[2] as string).trim() };
}
