import { z } from 'zod';
import { SOURCE_KINDS, type SourceKind } from './source-kinds.js';
import type { AggregateRatingRecord } from './sources/review-record.js';

/** Ids remembered per source: enough for months of reviews, small enough for one JSON column. */
export const MAX_SEEN_IDS = 20_000;

/** Unfinished pages remembered per source: a few chains' worth. */
export const MAX_PENDING_PAGES = 500;

/** How a page was reached: given, a `rel=next` link, a page parameter, a sitemap in a sitemap, a page a sitemap lists. */
export const PAGE_ROLES = ['start', 'next', 'page-parameter', 'sitemap', 'sitemap-page'] as const;
export type PageRole = (typeof PAGE_ROLES)[number];

/** A page to visit, with what is needed to go on from it (its chain, its page index). */
export interface PageTask {
  readonly url: string;
  readonly kind: SourceKind;
  readonly role: PageRole;
  /** The start URL the chain began at: a page left over from a URL no longer configured is dropped. */
  readonly root: string;
  /** Page-parameter pagination: the start URL and this page's index. */
  readonly startUrl?: string;
  readonly pageIndex?: number;
  readonly lastmod?: string | null;
  readonly depth: number;
}

const pageTaskSchema = z.object({
  url: z.string(),
  kind: z.enum(SOURCE_KINDS),
  role: z.enum(PAGE_ROLES),
  root: z.string(),
  startUrl: z.string().optional(),
  pageIndex: z.number().int().nonnegative().optional(),
  lastmod: z.string().nullable().optional(),
  depth: z.number().int().nonnegative(),
});

const pageStateSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional(), lastmod: z.string().optional() });

const stateSchema = z.object({
  version: z.literal(1),
  pages: z.record(z.string(), pageStateSchema).default({}),
  seen: z.array(z.string()).default([]),
  lastRunAt: z.string().optional(),
  aggregates: z.array(z.unknown()).default([]),
  pending: z.array(pageTaskSchema).default([]),
});

/** What a source remembers between runs (the `state` column of `sources`). */
export interface SourceState {
  readonly version: 1;
  /** Per URL: validators for conditional requests, and the sitemap `lastmod` last read. */
  readonly pages: Readonly<Record<string, { etag?: string; lastModified?: string; lastmod?: string }>>;
  /** Verbatim ids already scraped, newest last: not stored again (a forgotten author stays forgotten). */
  readonly seen: readonly string[];
  readonly lastRunAt?: string;
  /** The aggregate ratings of the last run. */
  readonly aggregates: readonly unknown[];
  /**
   * Pages the last run did not finish (failed, left for `maxPages`, read only in
   * part): visited again next run, since the chain that led to them may stop earlier.
   */
  readonly pending?: readonly PageTask[];
}

export const EMPTY_STATE: SourceState = Object.freeze({ version: 1, pages: {}, seen: [], aggregates: [], pending: [] });

/** A stored state read back; anything unreadable (older format, hand edits) starts afresh. */
export function readSourceState(raw: unknown): SourceState {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_STATE;
}

/** The state after a run: pages merged (those read only in part forgotten), seen ids appended (oldest dropped past the cap). */
export function nextSourceState(
  previous: SourceState,
  run: {
    pages: Readonly<Record<string, { etag?: string; lastModified?: string; lastmod?: string }>>;
    /** Pages read only in part this run: their old validators and lastmod must not answer for them next time. */
    forget?: readonly string[];
    /** This run's unfinished pages: they replace the last run's, which this run visited. */
    pending?: readonly PageTask[];
    seen: readonly string[];
    aggregates: readonly AggregateRatingRecord[];
    now: Date;
  },
): SourceState {
  const seen = [...new Set([...previous.seen, ...run.seen])];
  const forget = new Set(run.forget);
  const pages = Object.fromEntries(Object.entries({ ...previous.pages, ...run.pages }).filter(([url]) => !forget.has(url)));
  return {
    version: 1,
    pages,
    seen: seen.slice(Math.max(0, seen.length - MAX_SEEN_IDS)),
    lastRunAt: run.now.toISOString(),
    aggregates: run.aggregates.length > 0 ? run.aggregates : previous.aggregates,
    pending: (run.pending ?? []).slice(0, MAX_PENDING_PAGES),
  };
}
