import { z } from 'zod';
import type { AggregateRatingRecord } from './sources/review-record.js';

/** Ids remembered per source: enough for months of reviews, small enough for one JSON column. */
export const MAX_SEEN_IDS = 20_000;

const pageStateSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional(), lastmod: z.string().optional() });

const stateSchema = z.object({
  version: z.literal(1),
  pages: z.record(z.string(), pageStateSchema).default({}),
  seen: z.array(z.string()).default([]),
  lastRunAt: z.string().optional(),
  aggregates: z.array(z.unknown()).default([]),
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
}

export const EMPTY_STATE: SourceState = Object.freeze({ version: 1, pages: {}, seen: [], aggregates: [] });

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
  };
}
