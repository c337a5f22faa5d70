import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { MomentThresholds } from '../analysis/moment-matrix.js';
import { PERIOD_GRANULARITIES, type PeriodGranularity } from '../analysis/periods.js';
import type { ReportFilters } from '../analysis/report-filters.js';
import { chartAssetsFor, renderReport, renderRootCause, REPORT_FORMATS, writeReportFiles, writeRootCauseFile, type ReportFormat } from '../reports/write-report-files.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import { UsageError } from '../core/errors.js';
import type { TextEmbedder } from '../models/transformer/load-transformer-models.js';
import type { CliContext } from './context.js';
import { fileExists } from './file-exists.js';
import { isoDate, oneOf, positiveInteger, segmentPair } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';
import { parseAgainst, type Against } from '../analysis/period-compare-periods.js';
import type { Report, ReportOptions as BuildReportOptions } from '../analysis/report.js';
import type { EarlyReport } from '../analysis/early-report.js';
import type { ReportCounts } from '../analysis/report-counts.js';
import type { CompareOptions } from '../analysis/period-compare.js';
import type { ComparedReport } from '../reports/render-compare.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { REPORT_ENGINES, type ReportEngine } from '../analysis/report-engines.js';
import { REPLICA_FROM_VERBATIMS, replicaFor } from '../analysis/report-engine-choice.js';
import { replicaPathFor } from '../db/analytics-replica-path.js';

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
  compare?: Against;
  compareFrom?: string;
  compareTo?: string;
  engine?: ReportEngine;
}

/** `verbatim report`: the report (or one theme's root cause with `--theme`) from SQL aggregates, in text, Markdown, JSON, CSV or HTML. */
export const registerReport: CommandRegistration = (program, context) => {
  program
    .command('report')
    .description('NPS, drivers, key drivers, journey, segments, trends, emerging themes, moments, follow-ups; --theme ID for a root cause')
    .option('--format <format>', REPORT_FORMATS.join(' | '), oneOf(REPORT_FORMATS), 'text')
    .option('--out <dir>', 'write the report into this folder instead of stdout (csv: one file a table)')
    .option('--theme <id>', 'root-cause summary of this theme instead of the whole report')
    .option('--from <date>', 'from this date (inclusive)', isoDate)
    .option('--to <date>', 'up to this date (exclusive)', isoDate)
    .option('--segment <key=value...>', 'only this segment (repeatable)', segmentPair, {})
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
    .option('--compare <period>', 'adds "comparison": the NPS change against `previous` (the period of the same length before) or FROM..TO, split into theme contributions', againstOption)
    .option('--compare-from <date>', 'with --compare-to: the same, against this period (inclusive)', isoDate)
    .option('--compare-to <date>', 'the end of the --compare-from period (exclusive)', isoDate)
    .option('--engine <engine>', `where the report, root cause and comparison count (all but root cause's quotes): ${REPORT_ENGINES.join(' | ')} (duckdb: the analytics replica under the data dir, synced first; auto: duckdb from ${REPLICA_FROM_VERBATIMS.toLocaleString('en-US')} verbatims, else source; default: VERBATIM_REPORT_ENGINE, else auto)`, oneOf(REPORT_ENGINES))
    .action(async (options: ReportOptions) => {
      const filters: ReportFilters = {
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
        ...(Object.keys(options.segment).length === 0 ? {} : { segments: options.segment }),
        ...(options.source === undefined ? {} : { source: options.source }),
        respondent: options.respondent,
      };
      const against = compareAgainst(options);
      const momentThresholds = await thresholdsFrom(options);
      const assets = await chartAssetsFor(options.format);
      const out = options.out === undefined ? undefined : path.resolve(context.cwd, options.out);
      const engine = options.engine ?? context.env.reportEngine ?? 'auto';
      const replicaFile = replicaPathFor(context.env.dataDir, context.env.databaseUrl);
      const chosenReplica = (db: Kysely<Database>): Promise<string | undefined> => replicaFor(db, engine, replicaFile);
      // What the report runs on starts loading before the database opens, so its module reads
      // interleave with PGlite's start instead of following it (not measured apart: see db/README.md).
      await prefetchReplicaModules(engine, replicaFile);
      const now = context.now();
      if (options.theme !== undefined) {
        const theme = options.theme;
        const rootCauseModule = prefetch(import('../analysis/root-cause.js'));
        const rootCauseOptions = { minGroup: context.env.minGroup, ...(options.granularity === undefined ? {} : { granularity: options.granularity }) };
        const rootCause = await withEarlyReport(
          context,
          engine,
          replicaFile,
          async (snapshot, counts) => (await rootCauseModule).computeRootCause(snapshot, filters, theme, now, { ...rootCauseOptions, replicaPath: replicaFile }, counts),
          async (db) => {
            const replicaPath = await chosenReplica(db);
            return { replicaPath, build: async () => (await rootCauseModule).buildRootCause(db, filters, theme, now, { ...rootCauseOptions, ...(replicaPath === undefined ? {} : { replicaPath }) }) };
          },
        );
        if (out === undefined) {
          context.stdout.write(renderRootCause(rootCause, options.format, assets));
          return;
        }
        context.stdout.write(`wrote ${await writeRootCauseFile(rootCause, theme, out, options.format, assets)}\n`);
        return;
      }
      const reportModule = prefetch(import('../analysis/report.js'));
      const embedder = await embedderFor(context, options.modelDir);
      const reportOptions: Omit<BuildReportOptions, 'replicaPath'> = {
        minCount: options.minCount,
        minGroup: context.env.minGroup,
        ...(options.granularity === undefined ? {} : { granularity: options.granularity }),
        emerging: { ...(options.recentDays === undefined ? {} : { recentDays: options.recentDays }), ...(options.baselineDays === undefined ? {} : { baselineDays: options.baselineDays }) },
        momentThresholds,
        ...(embedder === undefined ? {} : { embedder }),
      };
      const report = await withEarlyReport<Report | ComparedReport>(
        context,
        engine,
        replicaFile,
        // A comparison counts two periods: not started early.
        against === undefined ? async (snapshot, counts) => (await reportModule).reportInSnapshot(snapshot, { filters }, now, reportOptions, counts) : undefined,
        async (db) => {
          const replicaPath = await chosenReplica(db);
          const engineOptions = replicaPath === undefined ? {} : { replicaPath };
          return {
            replicaPath,
            build: async () => {
              const { buildReport } = await reportModule;
              return withComparison(db, filters, against, now, { minCount: options.minCount, ...engineOptions }, (snapshot) =>
                buildReport(snapshot, filters, now, { ...reportOptions, ...engineOptions }),
              );
            },
          };
        },
      );
      if (out === undefined) {
        context.stdout.write(renderReport(report, options.format, assets));
        return;
      }
      const written = await writeReportFiles(report, out, [options.format], assets);
      context.stdout.write(`wrote ${written.join(', ')}\n`);
    });
};

/** `loading`, marked as handled: awaited later, its failure must not end the process as an unhandled rejection meanwhile. */
function prefetch<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => undefined);
  return loading;
}

/**
 * Opens the database and builds a report or root cause on it, started early on the replica
 * file when the engine may count there and the file exists (analysis/early-report.ts): DuckDB
 * counts while PGlite opens (`early`, unless undefined). `usual` says, on the open database, where the report counts and
 * how it is built otherwise; the early work is used only when that is the replica file and the
 * file holds the snapshot's version (db/README.md, "The replica's categories as ENUMs, and a cold report that counts while the database opens").
 */
async function withEarlyReport<T>(
  context: CliContext,
  engine: ReportEngine,
  replicaFile: string,
  early: ((snapshot: Kysely<Database>, counts: ReportCounts) => Promise<T>) | undefined,
  usual: (db: Kysely<Database>) => Promise<{ readonly replicaPath: string | undefined; build(): Promise<T> }>,
): Promise<T> {
  const starting = early === undefined ? Promise.resolve(undefined) : startEarly(engine, replicaFile, early);
  try {
    return await withDatabase(
      context,
      async (db) => {
        const chosen = await usual(db);
        const started = await starting;
        if (started !== undefined) {
          const built = chosen.replicaPath === replicaFile ? await started.finish(db) : (await started.abandon(), undefined);
          if (built !== undefined) return built;
        }
        return chosen.build();
      },
      { shortRead: true },
    );
  } finally {
    await (await starting)?.abandon();
  }
}

/** The early work on the replica file (`startEarlyReport`); undefined for the source engine, without a file, or when it cannot start (the usual path then syncs or rebuilds the file, and says what failed if it must). */
async function startEarly<T>(engine: ReportEngine, replicaFile: string, count: (snapshot: Kysely<Database>, counts: ReportCounts) => Promise<T>): Promise<EarlyReport<T> | undefined> {
  if (engine === 'source' || !(await fileExists(replicaFile))) return undefined;
  try {
    const { startEarlyReport } = await import('../analysis/early-report.js');
    return await startEarlyReport(replicaFile, count);
  } catch {
    return undefined;
  }
}

/**
 * Starts loading the replica's modules (DuckDB's binding among them) when the report will
 * likely count on it — an engine that may use it and a replica file already there — without
 * waiting; the report imports them again and finds them loaded. Nothing for small databases
 * (no file) or `--engine source`.
 */
async function prefetchReplicaModules(engine: ReportEngine, replicaFile: string): Promise<void> {
  if (engine === 'source' || !(await fileExists(replicaFile))) return;
  prefetch(Promise.all([import('../db/analytics-replica.js'), import('../analysis/replica-counts.js')]));
}

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

/** `--compare previous|FROM..TO` as an option value. */
function againstOption(value: string): Against {
  try {
    return parseAgainst(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The period `--compare` or `--compare-from/--compare-to` name (CONTRACT.md), checked before anything is read. */
function compareAgainst(options: ReportOptions): Against | undefined {
  let against = options.compare;
  if (options.compareFrom !== undefined || options.compareTo !== undefined) {
    if (against !== undefined) throw new UsageError('--compare and --compare-from/--compare-to name the same thing: give one of them');
    if (options.compareFrom === undefined || options.compareTo === undefined) throw new UsageError('--compare-from and --compare-to go together');
    try {
      against = parseAgainst(`${options.compareFrom}..${options.compareTo}`);
    } catch (error) {
      throw new UsageError(`--compare-from/--compare-to: ${(error as Error).message}`);
    }
  }
  if (against !== undefined && options.theme !== undefined) throw new UsageError('--compare compares the whole report: leave out --theme');
  return against;
}

/** The report, and with `against` its period comparison read in the same snapshot (`comparison`). */
async function withComparison(
  db: Kysely<Database>,
  filters: ReportFilters,
  against: Against | undefined,
  now: Date,
  options: CompareOptions,
  build: (snapshot: Kysely<Database>) => Promise<Report>,
): Promise<ComparedReport> {
  if (against === undefined) return build(db);
  const [{ inReportSnapshot }, { compareInSnapshot }] = await Promise.all([import('../analysis/report-snapshot.js'), import('../analysis/period-compare.js')]);
  try {
    return await inReportSnapshot(db, async (snapshot) => {
      const report = await build(snapshot);
      return { ...report, comparison: await compareInSnapshot(snapshot, filters, against, now, options) };
    });
  } catch (error) {
    // A current period that ends before it starts (--to before --from) cannot have a previous one.
    if (error instanceof RangeError) throw new UsageError(`--compare: ${error.message}`);
    throw error;
  }
}
