import { InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { InputError, UsageError } from '../core/errors.js';
import { redactPii } from '../pipeline/stages/redact-pii.js';
import type { Verbatim } from '../core/verbatim.js';
import { contentHash } from '../core/verbatim-id.js';
import { contentKey, dropKnownContent } from '../scrapers/content-dedup.js';
import type { ScrapeConfig, SourceConfig } from '../scrapers/scrape-config.js';
import type { ScrapeStore, SourceSummary } from '../scrapers/scrape-run.js';
import { SOURCE_KINDS, type SourceKind } from '../scrapers/source-kinds.js';
import { isIsoDate } from '../core/iso-date.js';
import { oneOf, positiveInteger, seconds } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { VERSION } from './version.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { withDatabase } from './with-database.js';

interface ScrapeOptions {
  config?: string;
  allowPrivate?: boolean;
  since?: Date;
  source?: string;
  kind?: SourceKind;
  force?: boolean;
  maxPages?: number;
  timeout?: number;
  userAgent?: string;
  redact: boolean;
}

/** Identifies us to site owners; `userAgent` in the sources file (or `--user-agent`) adds a contact. */
export const DEFAULT_USER_AGENT = `verbatim/${VERSION} (customer-review scraper; reads robots.txt)`;

/** `verbatim scrape URL... | --config FILE`: customer reviews from the web into the database. */
export const registerScrape: CommandRegistration = (program, context) => {
  program
    .command('scrape')
    .description('scrape customer reviews (schema.org JSON-LD / microdata, RSS / Atom, App Store feeds, CSS selectors, sitemaps), politely and incrementally; a second run adds nothing')
    .argument('[urls...]', 'pages, feeds or sitemaps to read (one source per host, or --source)')
    .option('--config <file>', 'a sources file (YAML): named sources with kind, URLs, schedule, selectors, limits')
    .option('--allow-private', 'permit loopback, private and link-local addresses (tests, intranets)')
    .option('--since <date>', 'leave out reviews (and sitemap pages) older than this date', parseDate)
    .option('--source <name>', 'source name for the URLs given (default: their host)')
    .option('--kind <kind>', `kind of the URLs given: ${SOURCE_KINDS.join(' | ')}`, oneOf(SOURCE_KINDS))
    .option('--force', 'run sources whose schedule says it is too early')
    .option('--max-pages <n>', 'pages per source at most (URLs given)', positiveInteger)
    .option('--timeout <seconds>', 'per-request timeout (URLs given)', seconds)
    .option('--user-agent <ua>', 'User-Agent to send (default: verbatim/VERSION …)')
    .option('--no-redact', 'store texts as they are (PII redaction is on by default)')
    .action(async (urls: string[], options: ScrapeOptions) => {
      // Loaded on use: HTML and XML parsers are not needed by the other commands.
      const { createPoliteClient } = await import('../scrapers/polite-client.js');
      const { runScrape } = await import('../scrapers/scrape-run.js');
      const config = await resolveConfig(urls, options);
      const { politeness } = config;
      const client = createPoliteClient({
        userAgent: options.userAgent ?? config.userAgent ?? DEFAULT_USER_AGENT,
        allowPrivate: options.allowPrivate === true ? true : config.allowPrivate,
        ...(politeness.concurrencyPerHost === undefined ? {} : { concurrency: politeness.concurrencyPerHost }),
        ...(politeness.minIntervalMs === undefined ? {} : { minIntervalMs: politeness.minIntervalMs }),
        ...(politeness.maxRedirects === undefined ? {} : { maxRedirects: politeness.maxRedirects }),
        retry: {
          ...(politeness.retries === undefined ? {} : { retries: politeness.retries }),
          ...(politeness.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: politeness.maxRetryAfterMs }),
        },
      });
      let summaries: SourceSummary[];
      try {
        summaries = await withDatabase(context, async (db) => {
          const { startRun, finishRun } = await import('../db/runs.table.js');
          const runId = await startRun(db, 'scrape', context.now());
          try {
            const result = await runScrape(config.sources, {
              client,
              store: databaseStore(db, { redact: options.redact }),
              now: context.now,
              ...(options.since === undefined ? {} : { since: options.since }),
              force: options.force === true,
              reporter: {
                error: (source, error) => context.stderr.write(`verbatim: scrape: ${source}: ${error.describe()}\n`),
                warning: (source, url, message) => context.stderr.write(`verbatim: scrape: ${source}: ${url}: warning: ${message.replace(/\s+/g, ' ')}\n`),
              },
            });
            const anySourceFailed = result.some((summary) => summary.failed !== undefined);
            await finishRun(db, runId, anySourceFailed ? 'failed' : 'succeeded', runStats(result), context.now());
            await refreshPlannerStatistics(db);
            return result;
          } catch (error) {
            await finishRun(db, runId, 'failed', { error: error instanceof Error ? error.message : String(error) }, context.now());
            throw error;
          }
        });
      } finally {
        client.close();
      }
      for (const summary of summaries) context.stdout.write(`${describeSummary(summary)}\n`);
      const failed = summaries.filter((summary) => summary.failed !== undefined);
      if (failed.length > 0) throw new Error(`${failed.length} of ${summaries.length} sources failed (${failed.map((summary) => summary.source).join(', ')}); the others were stored`);
      const unreadable = summaries.filter((summary) => summary.skipped === undefined && summary.startUrls > 0 && summary.startFailures === summary.startUrls);
      if (unreadable.length > 0) {
        throw new InputError(`${unreadable.length} of ${summaries.length} sources could not be read at all (${unreadable.map((summary) => summary.source).join(', ')})`);
      }
    });
};

async function resolveConfig(urls: readonly string[], options: ScrapeOptions): Promise<ScrapeConfig> {
  if (options.config !== undefined && urls.length > 0) throw new UsageError('give URLs or --config, not both');
  const { loadScrapeConfig, sourceForUrls } = await import('../scrapers/scrape-config.js');
  if (options.config !== undefined) {
    const urlOnly = (['source', 'kind', 'maxPages', 'timeout'] as const).filter((flag) => options[flag] !== undefined);
    if (urlOnly.length > 0) throw new UsageError(`--${urlOnly.map(kebab).join(', --')} apply to URLs given on the command line; with --config, set them in the sources file`);
    return loadScrapeConfig(options.config);
  }
  if (urls.length === 0) throw new UsageError('nothing to scrape: give one or more URLs, or --config FILE');
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new UsageError(`not an http(s) URL: \`${url}\``);
  }
  const limits = { ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }), ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout * 1000 }) };
  const groups = new Map<string, string[]>();
  for (const url of urls) {
    const name = options.source ?? new URL(url).host;
    groups.set(name, [...(groups.get(name) ?? []), url]);
  }
  const sources: SourceConfig[] = [...groups].map(([name, group]) => sourceForUrls(name, group, options.kind ?? 'auto', limits));
  return { userAgent: undefined, allowPrivate: false, politeness: {}, sources };
}

/**
 * The database as the scrape run's store: PII redacted (unless `--no-redact`),
 * then what the source already holds with the same text and author left out,
 * then `insertVerbatims` (which skips known ids).
 */
export function databaseStore(db: Kysely<Database>, options: { redact: boolean }): ScrapeStore {
  return {
    async loadState(source) {
      const { getSourceState } = await import('../db/sources.table.js');
      return getSourceState(db, source);
    },
    async saveState(source, state) {
      const { saveSourceState } = await import('../db/sources.table.js');
      await saveSourceState(db, { name: source.name, kind: source.kind, url: source.urls[0] ?? null, state: { ...state } });
    },
    async store(source, verbatims) {
      const { insertVerbatims } = await import('../db/verbatims.table.js');
      const ready: Verbatim[] = options.redact ? verbatims.map((verbatim) => ({ ...verbatim, text: redactPii(verbatim.text) })) : [...verbatims];
      const known = await knownContent(db, source, ready);
      const { fresh } = dropKnownContent(ready, known);
      const { inserted } = await insertVerbatims(db, fresh);
      return { inserted, duplicates: verbatims.length - inserted };
    },
  };
}

/** Content keys (text hash and author) the source already holds, for the texts of `verbatims`. */
async function knownContent(db: Kysely<Database>, source: string, verbatims: readonly Verbatim[]): Promise<Set<string>> {
  const hashes = [...new Set(verbatims.filter((verbatim) => verbatim.text.trim() !== '').map((verbatim) => contentHash(verbatim.text)))];
  const known = new Set<string>();
  for (let start = 0; start < hashes.length; start += 1_000) {
    const rows = await db
      .selectFrom('verbatims')
      .select(['content_hash', 'author_key'])
      .where('source', '=', source)
      .where('content_hash', 'in', hashes.slice(start, start + 1_000))
      .execute();
    for (const row of rows) known.add(contentKey(row.content_hash, row.author_key));
  }
  return known;
}

/** One line a source: what it read, stored, skipped and failed. */
export function describeSummary(summary: SourceSummary): string {
  if (summary.skipped !== undefined) return `${summary.source}: skipped: ${summary.skipped}`;
  if (summary.failed !== undefined) return `${summary.source}: failed: ${summary.failed}`;
  const parts = [
    `${summary.pages} ${summary.pages === 1 ? 'page' : 'pages'} (${summary.unchanged} unchanged)`,
    `${summary.found} reviews found`,
    `${summary.inserted} new`,
    `${summary.duplicates} already there`,
    `${summary.older} older than --since`,
    `${summary.errors.length} failed URLs`,
    `${summary.warnings} warnings`,
  ];
  const aggregate = summary.aggregates[0];
  const rating = aggregate === undefined ? '' : `; rated ${aggregate.rating}/5${aggregate.ratingCount ?? aggregate.reviewCount ? ` by ${aggregate.ratingCount ?? aggregate.reviewCount}` : ''}${aggregate.product === null ? '' : ` (${aggregate.product})`}`;
  return `${summary.source}: ${parts.join(', ')}${summary.limited ? ' (stopped at the source limits)' : ''}${rating}`;
}

function runStats(summaries: readonly SourceSummary[]): Record<string, unknown> {
  const total = (pick: (summary: SourceSummary) => number): number => summaries.reduce((sum, summary) => sum + pick(summary), 0);
  return {
    sources: summaries.length,
    pages: total((summary) => summary.pages),
    found: total((summary) => summary.found),
    inserted: total((summary) => summary.inserted),
    duplicates: total((summary) => summary.duplicates),
    failedUrls: total((summary) => summary.errors.length),
    failedSources: summaries.filter((summary) => summary.failed !== undefined).map((summary) => summary.source),
  };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (!isIsoDate(value)) throw new InvalidArgumentError(`expected a date such as 2026-10-01, got \`${value}\``);
  return date;
}
