import { once } from 'node:events';
import { InvalidArgumentError } from 'commander';
import type { ReportEngine } from '../analysis/report-engines.js';
import { REPLICA_FROM_VERBATIMS } from '../analysis/report-engine-choice.js';
import { replicaPathFor } from '../db/analytics-replica-path.js';
import { modelPlaces } from './context.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

interface ServeOptions {
  port: number;
  host: string;
  trustProxy?: boolean;
  log?: boolean;
  cacheSeconds: number;
  refreshAhead: number;
}

/** Reports `verbatim serve` recomputes ahead after a change: a dashboard's pages for a few viewers. */
const DEFAULT_REFRESH_AHEAD = 8;
/** How long `serve` keeps a replica instance no report uses: a dashboard user moves on to the next page within minutes. */
const REPLICA_IDLE_MS = 5 * 60_000;

/** Default port of `verbatim serve`. */
export const DEFAULT_PORT = 8080;

/** `verbatim serve`: the HTTP API and the dashboard until Ctrl-C (or SIGTERM). */
export const registerServe: CommandRegistration = (program, context) => {
  program
    .command('serve')
    .description('HTTP API and web dashboard (sign in with a token from `verbatim token create`)')
    .option('--port <n>', `port to listen on (0: any free port)`, parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on (0.0.0.0 to open it to the network)', '127.0.0.1')
    .option('--trust-proxy', 'behind a reverse proxy: trust X-Forwarded-For/-Proto')
    .option('--log', 'log every request to stderr')
    .option('--cache-seconds <n>', 'keep reports until the data changes, at most this long (0: recompute every time)', parseSeconds, 300)
    .option('--refresh-ahead <n>', 'once the data changes (an import ends), recompute this many of the last viewed reports before anyone asks (0: none)', parseCount, DEFAULT_REFRESH_AHEAD)
    .action(async (options: ServeOptions) => {
      const [{ buildServer }, { themeEditorServices }, { keepIdleReplicaInstances }] = await Promise.all([
        import('../web/server.js'),
        import('./taxonomy-retag.js'),
        import('../db/replica-instances.js'),
      ]);
      // Reports one after another read a replica file a previous one has warmed (db/README.md, "A cold report's start").
      keepIdleReplicaInstances(REPLICA_IDLE_MS);
      // share: meanwhile, other commands (import, enrich, report …) use an embedded database through this process.
      await withDatabase(context, async (db) => {
        const app = await buildServer({
          db,
          minGroup: context.env.minGroup,
          // The dashboard and the API count where `report` would: the analytics replica for large data (auto), always (duckdb) or never (source).
          ...servedEngine(context.env.reportEngine ?? 'auto', replicaPathFor(context.env.dataDir, context.env.databaseUrl)),
          now: context.now,
          trustProxy: options.trustProxy === true,
          logger: options.log === true,
          cacheSeconds: options.cacheSeconds,
          refreshAheadKeys: options.refreshAhead,
          themeEditor: themeEditorServices(modelPlaces(context), context.now, db),
        });
        await app.listen({ port: options.port, host: options.host });
        const address = app.server.address();
        const port = typeof address === 'object' && address !== null ? address.port : options.port;
        const host = options.host.includes(':') ? `[${options.host}]` : options.host;
        context.stdout.write(`verbatim: dashboard and API on http://${host}:${port}/ (Ctrl-C to stop)\n`);
        const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
        context.stderr.write(`verbatim: ${String(signal[0] ?? 'signal')} received, closing\n`);
        await app.close();
        keepIdleReplicaInstances(0);
      }, { share: true });
    });
};

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) throw new InvalidArgumentError(`expected a whole number of seconds, 0 or more, got \`${value}\``);
  return seconds;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError(`expected a whole number, 0 or more, got \`${value}\``);
  return count;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got \`${value}\``);
  return port;
}

/** `buildServer`'s engine options for VERBATIM_REPORT_ENGINE: a replica always, from a size, or none. */
function servedEngine(engine: ReportEngine, replicaPath: string): { replicaPath?: string; replicaFromVerbatims?: number } {
  if (engine === 'source') return {};
  return engine === 'duckdb' ? { replicaPath } : { replicaPath, replicaFromVerbatims: REPLICA_FROM_VERBATIMS };
}
