/**
 * Latency of the main HTTP API routes on a large database:
 * `node dist/bench/web-api.js [--sizes 100000,1000000] [--requests N] [--budget SECONDS]`
 * prints p50/p95 per route and size, computed every time (cache off) and as served
 * (reports kept until the data changes). Each route gets N sequential requests, fewer
 * when they would take longer than the time budget (at least 3). Embedded PGlite by
 * default (what a laptop runs); `BENCH_DATABASE_URL` = an empty PostgreSQL database to
 * measure a server instead.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const { openDatabase } = await import('../db/open-database.js');
const { createToken } = await import('../db/tokens.table.js');
const { buildServer } = await import('../web/server.js');
const { generateWebCorpus } = await import('./web-corpus.js');

/** One route as a user calls it, and who calls it. */
interface Route {
  readonly name: string;
  readonly url: string;
  readonly as: 'analyst' | 'viewer';
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

async function measureSize(size: number, requests: number, budgetMs: number): Promise<RouteTiming[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verbatim-bench-web-'));
  const databaseUrl = process.env['BENCH_DATABASE_URL'];
  const opened = await openDatabase(databaseUrl === undefined || databaseUrl === '' ? { dataDir } : { databaseUrl });
  try {
    if (databaseUrl !== undefined && databaseUrl !== '') await sql`truncate table sessions, tokens, followups, verbatim_themes, verbatims cascade`.execute(opened.db);
    const started = performance.now();
    await generateWebCorpus(opened.db, size);
    process.stderr.write(`bench web: ${size.toLocaleString('en-US')} verbatims generated in ${((performance.now() - started) / 1000).toFixed(1)} s (${opened.kind})\n`);
    const tokens = {
      analyst: (await createToken(opened.db, { role: 'analyst' })).token,
      viewer: (await createToken(opened.db, { role: 'viewer', scope: { branch: 'Lyon' } })).token,
    };
    const servers = { cold: await buildServer({ db: opened.db, cacheSeconds: 0 }), cached: await buildServer({ db: opened.db }) };
    try {
      const bases = { cold: await servers.cold.listen({ port: 0, host: '127.0.0.1' }), cached: await servers.cached.listen({ port: 0, host: '127.0.0.1' }) };
      const caller = (base: string, url: string, token: string) => async (): Promise<unknown> => {
        const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
        return response.json();
      };
      const firstPage = (await caller(bases.cold, '/api/verbatims?limit=50', tokens.viewer)()) as { next_cursor: string };
      const timings: RouteTiming[] = [];
      for (const route of ROUTES) {
        const url = route.url.endsWith('cursor=') ? `${route.url}${firstPage.next_cursor}` : route.url;
        const cold = await sample(caller(bases.cold, url, tokens[route.as]), requests, budgetMs);
        const cached = await sample(caller(bases.cached, url, tokens[route.as]), requests, budgetMs);
        timings.push({ size, route: route.name, cold, cached });
        process.stderr.write(`bench web: ${route.name}: p50 ${cold.p50_ms.toFixed(0)} ms computed, ${cached.p50_ms.toFixed(0)} ms as served\n`);
      }
      return timings;
    } finally {
      await servers.cold.close();
      await servers.cached.close();
    }
  } finally {
    await opened.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs every size and prints one table. */
export async function runWebBench(sizes: readonly number[], requests: number, budgetMs: number): Promise<RouteTiming[]> {
  const all: RouteTiming[] = [];
  for (const size of sizes) all.push(...(await measureSize(size, requests, budgetMs)));
  const rows = [['route', 'verbatims', 'n', 'p50 computed', 'p95 computed', 'p50 served', 'p95 served']];
  const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
  for (const t of all) {
    rows.push([t.route, t.size.toLocaleString('en-US'), String(t.cold.requests), ms(t.cold.p50_ms), ms(t.cold.p95_ms), ms(t.cached.p50_ms), ms(t.cached.p95_ms)]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  console.log('');
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  console.log('  (HTTP API on PGlite unless BENCH_DATABASE_URL; rows generated in SQL, already enriched; computed = every request runs its queries, served = reports kept until the data changes)');
  return all;
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
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(requests) || requests < 3 || !(budget > 0)) {
    throw new Error('usage: bench web [--sizes 100000,1000000] [--requests N (3 and up)] [--budget SECONDS]');
  }
  await runWebBench(sizes, requests, budget * 1000);
}

if (process.argv[1]?.endsWith(path.join('bench', 'web-api.js'))) await runWebBenchFromArgs(process.argv.slice(2));
