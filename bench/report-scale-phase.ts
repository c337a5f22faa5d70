/**
 * One report-at-scale measurement in its own process:
 * `node dist/bench/report-scale-phase.js SIZE DATA_DIR` prints one JSON line.
 *
 * Importing and enriching a million verbatims takes many minutes and measures the
 * pipeline, not the report. So: a seed of 5,000 generated verbatims goes through the
 * real import and enrichment, then SQL copies it (new ids, dates moved by up to ±15
 * days) until SIZE enriched verbatims exist, themes included. The report then runs on
 * that database exactly as `verbatim report --engine source` does, then on the DuckDB
 * replica (its first build timed apart), as the default engine does from 10,000 verbatims (REPLICA_FROM_VERBATIMS).
 * With `DATABASE_URL` set: that (empty) PostgreSQL database instead of one under DATA_DIR; the
 * replica file stays under DATA_DIR, where `verbatim report` looks for it (analytics-replica-path.ts).
 */
import { performance } from 'node:perf_hooks';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [sizeArg, dataDir] = process.argv.slice(2);
const size = Number(sizeArg);
if (!Number.isInteger(size) || size < 1 || dataDir === undefined) {
  process.stderr.write('usage: report-scale-phase.js SIZE DATA_DIR\n');
  process.exit(1);
}

const { sql } = await import('kysely');
const { buildScaleDatabase, SCALE_SEED } = await import('./scale-database.js');
const { openDatabase } = await import('../db/open-database.js');
const { buildReport } = await import('../analysis/report.js');
const { buildRootCause } = await import('../analysis/root-cause.js');
const { withReplica } = await import('../db/analytics-replica.js');
const { replicaPathFor } = await import('../db/analytics-replica-path.js');
const { serverCpuMeter } = await import('./server-cpu.js');

const databaseUrl = process.env['DATABASE_URL'] === '' ? undefined : process.env['DATABASE_URL'];
const result: Record<string, number | string> = { verbatims: size, seed: Math.min(SCALE_SEED, size) };
const opened = await openDatabase(databaseUrl === undefined ? { dataDir } : { databaseUrl });
const { db } = opened;
try {
  const buildStart = performance.now();
  await buildScaleDatabase(db, size);
  result['build_s'] = (performance.now() - buildStart) / 1000;
  const count = await db.selectFrom('verbatims').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  result['verbatims'] = Number(count.n);
  const rssBefore = process.memoryUsage().rss;
  // PostgreSQL: the server's CPU seconds per step too (`*_server_cpu_s`), since the source's report runs there.
  const serverCpu = databaseUrl === undefined ? undefined : await serverCpuMeter(db);
  const serverCpuFrom = async (key: string, since: number | undefined): Promise<void> => {
    if (serverCpu !== undefined && since !== undefined) result[key] = (await serverCpu()) - since;
  };
  const reportCpu = await serverCpu?.();
  const reportStart = performance.now();
  const report = await buildReport(db, {}, new Date());
  result['report_s'] = (performance.now() - reportStart) / 1000;
  await serverCpuFrom('report_server_cpu_s', reportCpu);
  result['drivers'] = report.drivers.length;
  // The first read after a bulk load also sets hint bits and warms the cache: time a second run too.
  const againStart = performance.now();
  await buildReport(db, {}, new Date());
  result['report_again_s'] = (performance.now() - againStart) / 1000;
  const theme = report.drivers[0]?.theme;
  if (theme !== undefined) result['theme'] = theme;
  if (theme !== undefined) {
    const rootStart = performance.now();
    await buildRootCause(db, {}, theme, new Date());
    result['root_cause_s'] = (performance.now() - rootStart) / 1000;
  }
  // The same on the DuckDB replica (what the default engine uses from 10,000 verbatims): its first build, then the views.
  const replicaPath = replicaPathFor(dataDir, databaseUrl);
  const syncCpu = await serverCpu?.();
  const syncStart = performance.now();
  await withReplica(db, replicaPath, () => Promise.resolve());
  result['replica_build_s'] = (performance.now() - syncStart) / 1000;
  await serverCpuFrom('replica_build_server_cpu_s', syncCpu);
  const replicaStart = performance.now();
  await buildReport(db, {}, new Date(), { replicaPath });
  result['replica_report_s'] = (performance.now() - replicaStart) / 1000;
  const replicaAgainStart = performance.now();
  await buildReport(db, {}, new Date(), { replicaPath });
  result['replica_report_again_s'] = (performance.now() - replicaAgainStart) / 1000;
  if (theme !== undefined) {
    const rootStart = performance.now();
    await buildRootCause(db, {}, theme, new Date(), { replicaPath });
    result['replica_root_cause_s'] = (performance.now() - rootStart) / 1000;
  }
  result['report_rss_growth_mb'] = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
} finally {
  await opened.close();
}
result['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
