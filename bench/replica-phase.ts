/**
 * One step of the replica bench (replica-bench.ts), in its own process so every
 * measurement starts cold (modules, WASM, files):
 *
 * - `node dist/bench/replica-phase.js build SIZE DATA_DIR`: fills an embedded database (scale-database.ts);
 * - `… sections source|duckdb DATA_DIR`: times the sync (duckdb) and each ported section's counts;
 * - `… report source|duckdb DATA_DIR`: times the whole `buildReport`.
 *
 * Prints one JSON line of seconds.
 */
import path from 'node:path';
import { phaseTimer, usageExit } from './phase-timer.js';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [mode, ...rest] = process.argv.slice(2);
const usage = (): never => usageExit('replica-phase.js build SIZE DATA_DIR | sections ENGINE DATA_DIR | report ENGINE DATA_DIR');

const { openDatabase } = await import('../db/open-database.js');
const { result, timed } = phaseTimer();

if (mode === 'build') {
  const [sizeArg, dataDir] = rest;
  const size = Number(sizeArg);
  if (!Number.isInteger(size) || size < 1 || dataDir === undefined) usage();
  const { buildScaleDatabase } = await import('./scale-database.js');
  const opened = await openDatabase({ dataDir });
  try {
    await timed('build_s', () => buildScaleDatabase(opened.db, size));
  } finally {
    await opened.close();
  }
} else if ((mode === 'sections' || mode === 'report') && (rest[0] === 'source' || rest[0] === 'duckdb') && rest[1] !== undefined) {
  const engine = rest[0];
  const dataDir = rest[1];
  const replicaPath = path.join(dataDir, 'analytics.duckdb');
  const opened = await timed('open_s', () => openDatabase({ dataDir }));
  const { db } = opened;
  try {
    if (mode === 'report') {
      const { buildReport } = await import('../analysis/report.js');
      const report = await timed('report_s', () => buildReport(db, {}, new Date(), engine === 'duckdb' ? { replicaPath } : {}));
      result['drivers'] = report.drivers.length;
    } else {
      const { inReportSnapshot } = await import('../analysis/report-snapshot.js');
      const { sourceCounts } = await import('../analysis/report-counts.js');
      const { querySegmentKeys } = await import('../analysis/breakdown-queries.js');
      await inReportSnapshot(db, async (snapshot) => {
        let counts = sourceCounts(snapshot);
        let close = (): void => undefined;
        if (engine === 'duckdb') {
          const { syncReplica } = await import('../db/analytics-replica.js');
          const { replicaCounts } = await import('../analysis/replica-counts.js');
          const replica = await timed('sync_s', () => syncReplica(snapshot, replicaPath));
          result['rebuilt'] = replica.rebuilt === null ? 'no' : 'yes';
          counts = replicaCounts(replica, counts);
          close = () => replica.close();
        }
        try {
          const totals = await timed('totals_s', () => counts.totals({}));
          result['verbatims'] = totals.verbatims;
          const themes = await timed('drivers_s', () => counts.themes({}));
          const topLevel = themes.filter((theme) => !theme.theme.includes('.') && theme.count >= 5).map((theme) => theme.theme);
          await timed('key_drivers_s', () => counts.themeMoments({}, topLevel));
          await timed('journey_s', () => Promise.all([counts.steps({}), counts.stepThemes({})]));
          await timed('distributions_s', () => counts.distributions({}));
          // The segment keys are decided on the source (not ported) and outside the clock.
          const keys = await querySegmentKeys(snapshot, {}, totals.verbatims);
          const dimensions = [{ name: 'journey', kind: 'journey' } as const, { name: 'source', kind: 'source' } as const, ...keys.map((key) => ({ name: key, kind: 'segment' as const }))];
          await timed('breakdowns_s', () => counts.breakdowns({}, dimensions, 'month'));
          await timed('trend_s', () => counts.breakdowns({}, [{ name: 'period', kind: 'period' }], 'month'));
          const range = await timed('date_range_s', () => counts.dateRange({}));
          // A dashboard's usual view: the last 30 days of data.
          const from = new Date((range.last ?? new Date()).getTime() - 30 * 86_400_000).toISOString();
          await timed('drivers_30_days_s', () => counts.themes({ from }));
        } finally {
          close();
        }
      });
    }
  } finally {
    await opened.close();
  }
} else {
  usage();
}
result['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
