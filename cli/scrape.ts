import { InvalidArgumentError } from 'commander';
import { InputError, UsageError } from '../core/errors.js';
import type { ScrapeConfig, SourceConfig } from '../scrapers/scrape-config.js';
import type { SourceSummary } from '../scrapers/scrape-run.js';
import { SOURCE_KINDS, type SourceKind } from '../scrapers/source-kinds.js';
import { isIsoDate } from '../core/iso-date.js';
import { oneOf, positiveInteger, seconds } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { VERSION } from './version.js';
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
      const [{ runRecordedScrape }, { ingestStore }, { scrapeTables }, { runLog }, { authorSecretFor }] = await Promise.all([
        import('../scrapers/recorded-scrape.js'),
        import('../scrapers/ingest-store.js'),
        import('../db/scrape-tables.js'),
        import('../db/run-log.js'),
        import('../db/author-keys.js'),
      ]);
      let summaries: SourceSummary[];
      try {
        summaries = await withDatabase(context, async (db) =>
          runRecordedScrape(config.sources, {
            client,
            secret: await authorSecretFor(db, context.env.dataDir),
            store: ingestStore(scrapeTables(db), { redact: options.redact }),
            runs: runLog(db, 'scrape'),
            now: context.now,
            ...(options.since === undefined ? {} : { since: options.since }),
            force: options.force === true,
            reporter: {
              error: (source, error) => context.stderr.write(`verbatim: scrape: ${source}: ${error.describe()}\n`),
              warning: (source, url, message) => context.stderr.write(`verbatim: scrape: ${source}: ${url}: warning: ${message.replace(/\s+/g, ' ')}\n`),
            },
          }),
        );
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

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (!isIsoDate(value)) throw new InvalidArgumentError(`expected a date such as 2026-10-01, got \`${value}\``);
  return date;
}
