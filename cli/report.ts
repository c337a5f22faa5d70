import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Report } from '../analysis/report.js';
import type { ReportFilters } from '../analysis/report-filters.js';
import { renderCsv } from '../reports/render-csv.js';
import { renderJson } from '../reports/render-json.js';
import { renderMarkdown } from '../reports/render-markdown.js';
import { renderText } from '../reports/render-text.js';
import { RESPONDENTS, type Respondent } from '../pipeline/vocabulary.js';
import { oneOf } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

export const REPORT_FORMATS = ['text', 'md', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Readonly<Record<ReportFormat, { render: (report: Report) => string; file: string }>> = {
  text: { render: renderText, file: 'report.txt' },
  md: { render: renderMarkdown, file: 'report.md' },
  json: { render: renderJson, file: 'report.json' },
  csv: { render: renderCsv, file: 'drivers.csv' },
};

interface ReportOptions {
  format: ReportFormat;
  out?: string;
  from?: string;
  to?: string;
  segment: Record<string, string>;
  source?: string;
  respondent: Respondent;
  minCount: number;
}

/** `verbatim report`: NPS, drivers and journey from SQL aggregates, in text, Markdown, JSON or CSV. */
export const registerReport: CommandRegistration = (program, context) => {
  program
    .command('report')
    .description('NPS with its interval, theme drivers and NPS by journey step (text, md, json, csv)')
    .option('--format <format>', REPORT_FORMATS.join(' | '), oneOf(REPORT_FORMATS), 'text')
    .option('--out <dir>', 'write the report (every format with --format all) into this folder instead of stdout')
    .option('--from <date>', 'from this date (inclusive)', parseDateOption)
    .option('--to <date>', 'up to this date (exclusive)', parseDateOption)
    .option('--segment <key=value...>', 'only this segment (repeatable)', collectSegment, {})
    .option('--source <name>', 'only this source')
    .option('--respondent <who>', 'customer (NPS) or employee (eNPS)', oneOf(RESPONDENTS), 'customer')
    .option('--min-count <n>', 'least verbatims for a theme to be a driver', (value) => Number(value), 5)
    .action(async (options: ReportOptions) => {
      const filters: ReportFilters = {
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
        ...(Object.keys(options.segment).length === 0 ? {} : { segments: options.segment }),
        ...(options.source === undefined ? {} : { source: options.source }),
        respondent: options.respondent,
      };
      const { buildReport } = await import('../analysis/report.js');
      const report = await withDatabase(context, (db) => buildReport(db, filters, context.now(), { minCount: options.minCount }));
      if (options.out === undefined) {
        context.stdout.write(RENDERERS[options.format].render(report));
        return;
      }
      const written = await writeReportFiles(report, path.resolve(context.cwd, options.out), [options.format]);
      context.stdout.write(`wrote ${written.join(', ')}\n`);
    });
};

/** Writes the report in the given formats into `dir`; returns the paths. */
export async function writeReportFiles(report: Report, dir: string, formats: readonly ReportFormat[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const format of formats) {
    const target = path.join(dir, RENDERERS[format].file);
    await writeFile(target, RENDERERS[format].render(report));
    paths.push(target);
  }
  return paths;
}

function parseDateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new InvalidArgumentError(`expected a date like 2026-06-30, got \`${value}\``);
  }
  return value;
}

function collectSegment(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([^=:]+)[=:](.*)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected KEY=VALUE, got \`${value}\``);
  return { ...previous, [(match[1] as string).trim()]: (match[2] as string).trim() };
}
