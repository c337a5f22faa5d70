import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { queryPhraseCounts, type PhraseCounts } from './phrase-counts.js';
import type { ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';

/** A time window: `from` exclusive, `to` inclusive (ISO timestamps). */
export interface PhraseWindow {
  readonly from: string;
  readonly to: string;
}

/**
 * Which comments a phrase count compares, said so that either engine can write it: a recent
 * window against a baseline window (emerging phrases), or a theme's comments against all the
 * others (root cause).
 */
export type PhraseSides =
  | { readonly kind: 'windows'; readonly target: PhraseWindow; readonly reference: PhraseWindow }
  | { readonly kind: 'theme'; readonly theme: string };

/** A phrase count on either engine (`ReportCounts.phraseCounts`); the options are `PhraseCountsQuery`'s. */
export interface PhraseCountRequest {
  readonly filters: ReportFilters;
  readonly sides: PhraseSides;
  readonly maxDocs?: number;
  readonly minTargetDocs?: number;
  readonly limit?: number;
  /** Commented documents in scope on each side, when the caller has counted them (skips that count). */
  readonly scope?: { readonly target: number; readonly reference: number };
}

/** Counts phrases for a request (the source's `sourcePhraseCounts` or the replica's). */
export type PhraseCounter = (request: PhraseCountRequest) => Promise<PhraseCounts>;

/** `created_at` in a window, `from` exclusive and `to` inclusive, on the `v` alias. */
export function inWindow(window: PhraseWindow): RawBuilder<boolean> {
  return sql<boolean>`(v.created_at > ${new Date(window.from)} and v.created_at <= ${new Date(window.to)})`;
}

/** The request on the system of record: its sides as SQL over `v`, tokenised there (`queryPhraseCounts`). */
export function sourcePhraseCounts(db: Kysely<Database>, request: PhraseCountRequest): Promise<PhraseCounts> {
  const { sides, ...options } = request;
  const [target, reference] =
    sides.kind === 'windows'
      ? [inWindow(sides.target), inWindow(sides.reference)]
      : // IN (subquery) hashes the theme's ids once; EXISTS would probe the index once a verbatim
        [sql<boolean>`v.id in (select rt.verbatim_id from ${themeTags('rt')} where rt.theme = ${sides.theme})`, sql<boolean>`true`];
  return queryPhraseCounts(db, { ...options, target, reference });
}
