/**
 * Latency of the main HTTP API routes on a large database:
 * `node dist/bench/web-api.js [--sizes 100000,1000000] [--requests N] [--budget SECONDS]`
 * prints p50/p95 per route and size, computed every time (cache off) and as served
 * (reports kept until the data changes). Each route gets N sequential requests, fewer
 * when they would take longer than the time budget (at least 3). Embedded PGlite by
 * default (what a laptop runs); `--database-url URL` (or `BENCH_DATABASE_URL`, `DATABASE_URL`):
 * a PostgreSQL server where each size gets a fresh database, dropped after. `--engine auto|duckdb|source` counts where `verbatim serve`
 * would (default `auto`: the DuckDB replica from 10,000 verbatims). Then "after an
 * import": R rounds of 1,000 new verbatims stored by the writers, each followed by the
 * first request of a dashboard page and of the API on the changed data (the replica syncs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const { openDatabase } = await import('../db/open-database.js');
const { createToken } = await import('../db/tokens.table.js');
const { buildServer } = await import('../web/server.js');
const { generateWebCorpus } = await import('./web-corpus.js');
const { importBatch } = await import('./web-import-batch.js');
const { insertVerbatims, saveEnrichments } = await import('../db/verbatims.table.js');
const { createSession } = await import('../db/sessions.table.js');
const { replicaPathFor } = await import('../db/analytics-replica-path.js');
const { REPLICA_FROM_VERBATIMS } = await import('../analysis/report-engine-choice.js');
const { benchServerUrl, createBenchDatabase } = await import('./bench-database.js');

type Engine = 'auto' | 'duckdb' | 'source';

/** One route as a user calls it, and who calls it. */
interface Route {
  readonly name: string;
  readonly url: string;
  readonly as: 'analyst' | 'viewer' | 'page';
}

const ROUTES: readonly Route[] = [
  { name: 'GET /api/report', url: '/api/report', as: 'analyst' },
  { name: 'GET /api/report (one quarter)', url: '/api/report?from=2025-04-01&to=2025-07-01', as: 'analyst' },
  { name: 'GET /api/report (viewer, branch=Lyon)', url: '/api/report', as: 'viewer' },
  { name: 'GET /api/report?theme= (root cause)', url: '/api/report?theme=fees_pricing', as: 'analyst' },
  { name: 'GET /api/verbatims', url: '/api/verbatims?limit=50', as: 'analyst' },
  { name: 'GET /api/verbatims?theme=&nps_category=', url: '/api/verbatims?theme=fees_pricing&nps_category=detractor&limit=50', as: 'analyst' },
  { name: 'GET /api/verbatims?q=', url: '/api/verbatims?q=attente&limit=50', as: 'analyst' },
  { name: 'GET /api/verbatims (viewer, page 2)', url: '/api/verbatims?limit=50&cursor=', as: 'viewer' },
  { name: 'GET /api/compare (quarter vs previous)', url: '/api/compare?from=2025-10-01&to=2026-01-01&against=previous', as: 'analyst' },
  { name: 'GET /api/trend', url: '/api/trend', as: 'analyst' },
  { name: 'page / (overview)', url: '/', as: 'page' },
  { name: 'page /themes/fees_pricing', url: '/themes/fees_pricing', as: 'page' },
  { name: 'page /drivers', url: '/drivers', as: 'page' },
];

/** What a user opens first after an import: a dashboard page and the report API. */
const AFTER_IMPORT: readonly Route[] = [
  { name: 'page / (overview)', url: '/', as: 'page' },
  { name: 'GET /api/report', url: '/api/report', as: 'analyst' },
];

export interface RouteTiming {
  readonly size: number;
  readonly route: string;
  /** Computed on every request (cache off). */
  readonly cold: Latency;
  /** As served: with the report cache on (after a first request). */
  readonly cached: Latency;
}

export interface Latency {
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly requests: number;
}

/** The value at quantile q of sorted samples (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** p50/p95 of sequential requests to `url`: up to `requests`, fewer past `budgetMs` (never under 3). */
async function sample(call: () => Promise<unknown>, requests: number, budgetMs: number): Promise<Latency> {
  await call(); // warm-up: plans, caches
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < requests && (samples.length < 3 || performance.now() - started < budgetMs)) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50_ms: quantile(samples, 0.5), p95_ms: quantile(samples, 0.95), requests: samples.length };
}

/** The first request of each route after the data changed: `rounds` imports of `perRound` verbatims. */
export interface AfterImportTiming {
  readonly size: number;
  readonly route: string;
  readonly first: Latency;
}

/** `buildServer`'s engine options as `verbatim serve` sets them (cli/serve.ts). */
function engineOptions(engine: Engine, replicaPath: string): { replicaPath?: string; replicaFromVerbatims?: number } {
  if (engine === 'source') return {};
  return engine === 'duckdb' ? { replicaPath } : { replicaPath, replicaFromVerbatims: REPLICA_FROM_VERBATIMS };
}

async function measureSize(size: number, settings: WebBenchSettings): Promise<{ routes: RouteTiming[]; afterImport: AfterImportTiming[] }> {
  const { requests, budgetMs, engine } = settings;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verbatim-bench-web-'));
  const database = settings.serverUrl === undefined ? undefined : await createBenchDatabase(settings.serverUrl, `web_${size}`);
  const server = database?.url;
  const opened = await openDatabase(server === undefined ? { dataDir } : { databaseUrl: server });
  try {
    const started = performance.now();
    await generateWebCorpus(opened.db, size);
    process.stderr.write(`bench web: ${size.toLocaleString('en-US')} verbatims generated in ${((performance.now() - started) / 1000).toFixed(1)} s (${opened.kind}, engine ${engine})\n`);
    const analyst = await createToken(opened.db, { role: 'analyst' });
    const tokens = {
      analyst: `Bearer ${analyst.token}`,
      viewer: `Bearer ${(await createToken(opened.db, { role: 'viewer', scope: { branch: 'Lyon' } })).token}`,
    };
    const cookie = `verbatim_session=${await createSession(opened.db, analyst.id, new Date())}`;
    const counting = engineOptions(engine, replicaPathFor(dataDir, server));
    const servers = {
      cold: await buildServer({ db: opened.db, cacheSeconds: 0, ...counting }),
      cached: await buildServer({ db: opened.db, ...counting }),
      // Sees a new data version at once (the served default looks every 2 s), so the first request after an import recomputes.
      fresh: await buildServer({ db: opened.db, versionCheckMs: 0, ...counting }),
    };
    try {
      const listen = { port: 0, host: '127.0.0.1' };
      const bases = { cold: await servers.cold.listen(listen), cached: await servers.cached.listen(listen), fresh: await servers.fresh.listen(listen) };
      const caller = (base: string, url: string, as: Route['as']) => async (): Promise<unknown> => {
        const headers: Record<string, string> = as === 'page' ? { cookie } : { authorization: tokens[as] };
        const response = await fetch(`${base}${url}`, { headers, redirect: 'manual' });
        if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
        return as === 'page' ? response.text() : response.json();
      };
      const timed = async (call: () => Promise<unknown>): Promise<number> => {
        const start = performance.now();
        await call();
        return performance.now() - start;
      };
      // The first request builds the replica (engine auto/duckdb at this size): what the first view after a bulk load costs.
      const firstView = await timed(caller(bases.cold, '/api/report', 'analyst'));
      process.stderr.write(`bench web: first /api/report after the load: ${(firstView / 1000).toFixed(2)} s\n`);
      const firstPage = (await caller(bases.cold, '/api/verbatims?limit=50', 'viewer')()) as { next_cursor: string };
      const routes: RouteTiming[] = [];
      for (const route of ROUTES) {
        const url = route.url.endsWith('cursor=') ? `${route.url}${firstPage.next_cursor}` : route.url;
        const cold = await sample(caller(bases.cold, url, route.as), requests, budgetMs);
        const cached = await sample(caller(bases.cached, url, route.as), requests, budgetMs);
        routes.push({ size, route: route.name, cold, cached });
        process.stderr.write(`bench web: ${route.name}: p50 ${cold.p50_ms.toFixed(0)} ms computed, ${cached.p50_ms.toFixed(0)} ms as served\n`);
      }
      const afterImport = await measureAfterImport(opened.db, size, settings.importRounds, (url, as) => caller(bases.fresh, url, as), timed);
      return { routes, afterImport };
    } finally {
      await Promise.all([servers.cold.close(), servers.cached.close(), servers.fresh.close()]);
    }
  } finally {
    await opened.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Rounds of: store 1,000 new enriched verbatims as an import does, then time each route's first (uncached) request. */
async function measureAfterImport(
  db: Parameters<typeof insertVerbatims>[0],
  size: number,
  rounds: number,
  caller: (url: string, as: Route['as']) => () => Promise<unknown>,
  timed: (call: () => Promise<unknown>) => Promise<number>,
): Promise<AfterImportTiming[]> {
  const samples = new Map<string, number[]>(AFTER_IMPORT.map((route) => [route.name, []]));
  for (let round = 0; round < rounds; round++) {
    const batch = importBatch(round, 1_000, new Date(Date.UTC(2025, 11, 1 + round)));
    await insertVerbatims(db, batch);
    await saveEnrichments(db, batch, { onlyPending: true });
    for (const route of AFTER_IMPORT) samples.get(route.name)?.push(await timed(caller(route.url, route.as)));
  }
  return AFTER_IMPORT.map((route) => {
    const sorted = [...(samples.get(route.name) ?? [])].sort((a, b) => a - b);
    return { size, route: route.name, first: { p50_ms: quantile(sorted, 0.5), p95_ms: quantile(sorted, 0.95), requests: sorted.length } };
  });
}

/** How the bench runs: requests per route, time budget per route, the counting engine, import rounds. */
export interface WebBenchSettings {
  readonly requests: number;
  readonly budgetMs: number;
  readonly engine: Engine;
  readonly importRounds: number;
  /** A PostgreSQL server where each size gets a fresh database; undefined: embedded PGlite. */
  readonly serverUrl?: string | undefined;
}

/** Runs every size and prints two tables: the routes, and the first request after an import. */
export async function runWebBench(sizes: readonly number[], settings: WebBenchSettings): Promise<RouteTiming[]> {
  const all: RouteTiming[] = [];
  const afterImport: AfterImportTiming[] = [];
  for (const size of sizes) {
    const measured = await measureSize(size, settings);
    all.push(...measured.routes);
    afterImport.push(...measured.afterImport);
  }
  const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
  const rows = [['route', 'verbatims', 'n', 'p50 computed', 'p95 computed', 'p50 served', 'p95 served']];
  for (const t of all) {
    rows.push([t.route, t.size.toLocaleString('en-US'), String(t.cold.requests), ms(t.cold.p50_ms), ms(t.cold.p95_ms), ms(t.cached.p50_ms), ms(t.cached.p95_ms)]);
  }
  printTable(rows);
  console.log(`  (HTTP API on ${settings.serverUrl === undefined ? 'PGlite' : 'PostgreSQL'}, engine ${settings.engine}; rows generated in SQL, already enriched; computed = every request runs its queries, served = reports kept until the data changes)`);
  const imported = [['first request after an import of 1,000', 'verbatims', 'rounds', 'p50', 'p95']];
  for (const t of afterImport) imported.push([t.route, t.size.toLocaleString('en-US'), String(t.first.requests), ms(t.first.p50_ms), ms(t.first.p95_ms)]);
  printTable(imported);
  console.log('  (each round stores 1,000 enriched verbatims with the writers, then opens the page and the API once: replica sync + counting, no cached report)');
  console.log(`  (peak RSS of this process, the servers included: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; load average now ${loadavg().map((value) => value.toFixed(1)).join(' / ')})`);
  return all;
}

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  console.log('');
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
}

/** Reads `--sizes`, `--requests`, `--budget` and runs; sizes default to `defaultSizes`. */
export async function runWebBenchFromArgs(args: readonly string[], defaultSizes = '100000,1000000'): Promise<void> {
  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args[index + 1];
  };
  const sizes = (option('--sizes') ?? defaultSizes).split(',').map(Number);
  const requests = Number(option('--requests') ?? 20);
  const budget = Number(option('--budget') ?? 60);
  const engine = option('--engine') ?? 'auto';
  const importRounds = Number(option('--import-rounds') ?? 5);
  const engines: readonly string[] = ['auto', 'duckdb', 'source'];
  if (
    sizes.some((size) => !Number.isInteger(size) || size < 1) ||
    !Number.isInteger(requests) ||
    requests < 3 ||
    !(budget > 0) ||
    !engines.includes(engine) ||
    !Number.isInteger(importRounds) ||
    importRounds < 1
  ) {
    throw new Error('usage: bench web [--sizes 100000,1000000] [--requests N (3 and up)] [--budget SECONDS] [--engine auto|duckdb|source] [--import-rounds R] [--database-url URL]');
  }
  await runWebBench(sizes, { requests, budgetMs: budget * 1000, engine: engine as Engine, importRounds, serverUrl: benchServerUrl(args) });
}

if (process.argv[1]?.endsWith(path.join('bench', 'web-api.js'))) await runWebBenchFromArgs(process.argv.slice(2));
