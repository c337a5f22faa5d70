import PQueue from 'p-queue';
import type { Verbatim } from '../core/verbatim.js';
import type { AuthorSecret } from '../core/author-key.js';
import { FetchError } from './fetch-error.js';
import type { BodyKind } from './media-types.js';
import { pageParameterUrl } from './pagination.js';
import { parsePage, type PageResult } from './parse-page.js';
import type { SourceKind } from './source-kinds.js';
import type { PoliteClient } from './polite-client.js';
import type { SourceConfig } from './scrape-config.js';
import { nextSourceState, readSourceState, type PageTask, type SourceState } from './source-state.js';
import type { AggregateRatingRecord } from './sources/review-record.js';
import { reviewToVerbatim } from './to-verbatim.js';

/** Where a run keeps its verbatims and each source's state (the database in production, memory in tests). */
export interface ScrapeStore {
  loadState(source: string): Promise<unknown>;
  saveState(source: SourceConfig, state: SourceState): Promise<void>;
  /** Stores what is new; the same id or the same content (text and author) for the source counts as a duplicate. */
  store(source: string, verbatims: readonly Verbatim[]): Promise<{ inserted: number; duplicates: number }>;
}

/** Told about each failed URL and each warning as it happens, so a long run shows progress. */
export interface ScrapeReporter {
  error(source: string, error: FetchError): void;
  warning(source: string, url: string, message: string): void;
}

export interface ScrapeRunOptions {
  readonly client: PoliteClient;
  readonly store: ScrapeStore;
  readonly now: () => Date;
  /** The installation's author-key secret (the CLI loads it): reviewers' names are kept only as keyed hashes. */
  readonly secret: AuthorSecret;
  /** Reviews dated before this, and sitemap pages last modified before it, are left out. */
  readonly since?: Date;
  /** Run sources whose schedule says it is too early. */
  readonly force?: boolean;
  readonly reporter?: ScrapeReporter;
  /** Pages of one source in flight at once (default 4); the host queues still set each host's pace. */
  readonly pagesInFlight?: number;
  /** Sources scraped at once (default 2). */
  readonly sourcesInFlight?: number;
}

/** What a run did for one source: nothing is dropped without a count or a line. */
export interface SourceSummary {
  readonly source: string;
  /** Why the source was not run (its schedule), else undefined. */
  readonly skipped: string | undefined;
  /** Why the source failed as a whole (its state or reviews could not be read or written), else undefined; its counts are then zero. */
  readonly failed: string | undefined;
  /** Pages requested (failures included). */
  readonly pages: number;
  /** 304 answers, and sitemap pages whose `lastmod` had not moved. */
  readonly unchanged: number;
  /** Distinct reviews read. */
  readonly found: number;
  readonly inserted: number;
  /** Reviews seen by an earlier run, or already stored (same id, or same text and author). */
  readonly duplicates: number;
  /** Reviews (and sitemap pages) older than `--since`. */
  readonly older: number;
  readonly errors: readonly FetchError[];
  readonly warnings: number;
  readonly aggregates: readonly AggregateRatingRecord[];
  /** Start URLs given, and how many of them failed. */
  readonly startUrls: number;
  readonly startFailures: number;
  /** True when `maxPages` or `maxReviews` cut the crawl short. */
  readonly limited: boolean;
}

/**
 * Scrapes each source: start URLs, then `rel=next` / page-parameter pages while
 * they bring new reviews, and sitemap pages; conditional requests from the
 * saved state; reviews turned into verbatims and stored once; the state saved.
 * A URL that fails is reported and counted; the run goes on.
 *
 * @example const summaries = await runScrape(config.sources, { client, store, now: () => new Date() });
 */
export async function runScrape(sources: readonly SourceConfig[], options: ScrapeRunOptions): Promise<SourceSummary[]> {
  const queue = new PQueue({ concurrency: options.sourcesInFlight ?? 2 });
  // One source's store failing (a lost connection, a full disk) must not cost the others their summaries.
  const settled = await Promise.allSettled(sources.map((source) => queue.add(() => scrapeSource(source, options))));
  return settled.map((result, index) => {
    if (result.status === 'fulfilled') return result.value;
    const source = sources[index] as SourceConfig;
    const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
    return { ...emptySummary(source), failed: message.replace(/\s+/g, ' ').trim() };
  });
}

type PageMemory = { etag?: string; lastModified?: string; lastmod?: string };

const MAX_SITEMAP_DEPTH = 3;

async function scrapeSource(source: SourceConfig, options: ScrapeRunOptions): Promise<SourceSummary> {
  const state = readSourceState(await options.store.loadState(source.name));
  const now = options.now();
  if (source.everyMs !== undefined && options.force !== true && state.lastRunAt !== undefined) {
    const age = now.getTime() - Date.parse(state.lastRunAt);
    if (age >= 0 && age < source.everyMs) {
      return { ...emptySummary(source), skipped: `last run ${formatAge(age)} ago, schedule every ${formatAge(source.everyMs)} (use --force to run now)` };
    }
  }
  const crawl = new SourceCrawl(source, state, options);
  await crawl.run();
  const verbatims = [...crawl.fresh.values()];
  const stored = verbatims.length === 0 ? { inserted: 0, duplicates: 0 } : await options.store.store(source.name, verbatims);
  await options.store.saveState(
    source,
    nextSourceState(state, { pages: crawl.pageMemory(), forget: crawl.partialPages(), pending: crawl.unfinished(), seen: [...crawl.seenAgain, ...crawl.fresh.keys()], aggregates: crawl.aggregates, now }),
  );
  return {
    source: source.name,
    skipped: undefined,
    failed: undefined,
    pages: crawl.pages,
    unchanged: crawl.unchanged,
    found: crawl.found,
    inserted: stored.inserted,
    duplicates: crawl.seenAgain.length + stored.duplicates,
    older: crawl.older,
    errors: crawl.errors,
    warnings: crawl.warnings,
    aggregates: crawl.aggregates,
    startUrls: source.urls.length,
    startFailures: crawl.startFailures,
    limited: crawl.limited,
  };
}

/** The crawl of one source in one run. */
class SourceCrawl {
  readonly fresh = new Map<string, Verbatim>();
  readonly seenAgain: string[] = [];
  readonly errors: FetchError[] = [];
  readonly aggregates: AggregateRatingRecord[] = [];
  pages = 0;
  unchanged = 0;
  found = 0;
  older = 0;
  warnings = 0;
  startFailures = 0;
  limited = false;

  readonly #source: SourceConfig;
  readonly #state: SourceState;
  readonly #options: ScrapeRunOptions;
  readonly #seenBefore: ReadonlySet<string>;
  readonly #visited = new Set<string>();
  readonly #readIds = new Set<string>();
  readonly #memory: Record<string, PageMemory> = {};
  readonly #sitemapUrls = new Set<string>();
  readonly #partial = new Set<string>();
  readonly #unfinished = new Map<string, PageTask>();
  readonly #queue: PQueue;

  constructor(source: SourceConfig, state: SourceState, options: ScrapeRunOptions) {
    this.#source = source;
    this.#state = state;
    this.#options = options;
    this.#seenBefore = new Set(state.seen);
    this.#queue = new PQueue({ concurrency: options.pagesInFlight ?? 4 });
  }

  /** The start URLs, then the pages the last run left unfinished (of chains still configured). */
  async run(): Promise<void> {
    for (const url of this.#source.urls) this.#enqueue({ url, kind: this.#source.kind, role: 'start', root: url, startUrl: url, pageIndex: 0, depth: 0 });
    const roots = new Set(this.#source.urls);
    for (const task of this.#state.pending ?? []) if (roots.has(task.root)) this.#enqueue(task);
    await this.#queue.onIdle();
  }

  /** Pages to visit again next run: failed, left for `maxPages`, or read only in part (start URLs are visited anyway). */
  unfinished(): PageTask[] {
    return [...this.#unfinished.values()];
  }

  #leaveUnfinished(task: PageTask): void {
    if (task.role !== 'start') this.#unfinished.set(task.url, task);
  }

  /**
   * Validators and lastmods to remember; a sitemap's only when the whole run
   * went well and no limit cut it short, so the pages it lists are read again.
   */
  pageMemory(): Record<string, PageMemory> {
    if (this.errors.length === 0 && !this.limited) return this.#memory;
    return Object.fromEntries(Object.entries(this.#memory).filter(([url]) => !this.#sitemapUrls.has(url)));
  }

  /** Pages read only in part: what an earlier run remembered of them no longer holds. */
  partialPages(): string[] {
    return [...this.#partial];
  }

  #enqueue(task: PageTask): void {
    if (this.#visited.has(task.url)) return;
    this.#visited.add(task.url);
    void this.#queue.add(() => this.#visit(task));
  }

  async #visit(task: PageTask): Promise<void> {
    if (this.pages >= this.#source.limits.maxPages) {
      this.limited = true;
      this.#leaveUnfinished(task);
      return;
    }
    this.pages += 1;
    try {
      const known = this.#state.pages[task.url];
      const response = await this.#options.client.get({
        url: task.url,
        accept: acceptedBodies(task.kind),
        validators: { ...(known?.etag === undefined ? {} : { etag: known.etag }), ...(known?.lastModified === undefined ? {} : { lastModified: known.lastModified }) },
        timeoutMs: this.#source.limits.timeoutMs,
        maxBytes: this.#source.limits.maxBytes,
      });
      if (response.notModified) {
        this.unchanged += 1;
        return;
      }
      const page = parsePage(response, { kind: task.kind, ...(this.#source.selectors === undefined ? {} : { selectors: this.#source.selectors }) });
      for (const warning of page.warnings) {
        this.warnings += 1;
        this.#options.reporter?.warning(this.#source.name, response.url, warning);
      }
      this.aggregates.push(...page.aggregates);
      const onHost = (link: string): boolean => {
        if (new URL(link).host === new URL(response.url).host) return true;
        this.warnings += 1;
        this.#options.reporter?.warning(this.#source.name, response.url, `link to another host not followed: ${link}`);
        return false;
      };
      const complete = page.kind === 'sitemap' ? this.#followSitemap(task, page, onHost) : this.#takeReviews(task, page, onHost);
      // A page read only in part (--since, maxReviews) must be read again next run, not answered by a 304 or skipped by its lastmod.
      if (complete) this.#memory[task.url] = { ...response.validators, ...(task.lastmod == null ? {} : { lastmod: task.lastmod }) };
      else {
        this.#partial.add(task.url);
        this.#leaveUnfinished(task);
      }
    } catch (error) {
      const failure = error instanceof FetchError ? error : new FetchError('parse', task.url, error instanceof Error ? error.message : String(error), { cause: error });
      this.errors.push(failure);
      this.#leaveUnfinished(task);
      if (task.role === 'start') this.startFailures += 1;
      this.#options.reporter?.error(this.#source.name, failure);
    }
  }

  /**
   * Sitemaps list pages of their own host only (sitemaps.org); other hosts are not followed.
   * False when pages were left out for `--since`: the sitemap must be read again without it.
   */
  #followSitemap(task: PageTask, page: PageResult, onHost: (link: string) => boolean): boolean {
    this.#sitemapUrls.add(task.url);
    if (task.depth >= MAX_SITEMAP_DEPTH) return true;
    let complete = true;
    for (const child of page.sitemaps.filter((entry) => onHost(entry.url))) this.#enqueue({ url: child.url, kind: 'sitemap', role: 'sitemap', root: task.root, depth: task.depth + 1 });
    const { include, exclude, kind } = this.#source.sitemapPages;
    const since = this.#options.since;
    for (const entry of page.sitemapPages.filter((item) => onHost(item.url))) {
      if (include !== undefined && !include.test(entry.url)) continue;
      if (exclude?.test(entry.url) === true) continue;
      if (since !== undefined && entry.lastmod !== null && Date.parse(entry.lastmod) < since.getTime()) {
        this.older += 1;
        complete = false;
        continue;
      }
      const known = this.#state.pages[entry.url];
      if (entry.lastmod !== null && known?.lastmod === entry.lastmod) {
        this.unchanged += 1;
        continue;
      }
      this.#enqueue({ url: entry.url, kind, role: 'sitemap-page', root: task.root, lastmod: entry.lastmod, depth: task.depth + 1 });
    }
    return complete;
  }

  /** Takes the page's reviews and queues the next page; false when some were left out (`--since`, `maxReviews`). */
  #takeReviews(task: PageTask, page: PageResult, onHost: (link: string) => boolean): boolean {
    const since = this.#options.since?.getTime();
    let fresh = 0;
    let complete = true;
    for (const review of page.reviews) {
      if (this.found >= this.#source.limits.maxReviews) {
        this.limited = true;
        complete = false;
        break;
      }
      if (since !== undefined && review.createdAt !== null && Date.parse(review.createdAt) < since) {
        this.older += 1;
        complete = false;
        continue;
      }
      const verbatim = reviewToVerbatim(review, this.#source, this.#options.secret);
      if (this.#readIds.has(verbatim.id)) continue;
      this.#readIds.add(verbatim.id);
      this.found += 1;
      if (this.#seenBefore.has(verbatim.id)) {
        this.seenAgain.push(verbatim.id);
        continue;
      }
      this.fresh.set(verbatim.id, verbatim);
      fresh += 1;
    }
    // Pages come newest first: once a page brings nothing new (all seen, all older than --since), the rest is older still.
    if (fresh === 0 || this.limited) return complete;
    if (this.#source.followNext) for (const next of page.next.filter(onHost)) this.#enqueue({ url: next, kind: task.kind, role: 'next', root: task.root, depth: task.depth });
    const parameter = this.#source.pageParameter;
    if (parameter !== undefined && task.startUrl !== undefined && task.pageIndex !== undefined) {
      const pageIndex = task.pageIndex + 1;
      this.#enqueue({ url: pageParameterUrl(task.startUrl, parameter, pageIndex), kind: task.kind, role: 'page-parameter', root: task.root, startUrl: task.startUrl, pageIndex, depth: task.depth });
    }
    return complete;
  }
}

function acceptedBodies(kind: SourceKind): BodyKind[] {
  switch (kind) {
    case 'rss':
    case 'atom':
    case 'sitemap':
      return ['xml'];
    case 'app-store':
      return ['json'];
    case 'json-ld':
    case 'schema-org':
      return ['html', 'json'];
    case 'microdata':
    case 'css':
      return ['html'];
    case 'auto':
      return ['html', 'xml', 'json'];
  }
}

function emptySummary(source: SourceConfig): SourceSummary {
  return {
    source: source.name,
    skipped: undefined,
    failed: undefined,
    pages: 0,
    unchanged: 0,
    found: 0,
    inserted: 0,
    duplicates: 0,
    older: 0,
    errors: [],
    warnings: 0,
    aggregates: [],
    startUrls: source.urls.length,
    startFailures: 0,
    limited: false,
  };
}

function formatAge(ms: number): string {
  if (ms >= 86_400_000) return `${Math.round((ms / 86_400_000) * 10) / 10} d`;
  if (ms >= 3_600_000) return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}
