import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { belowFloor, DEFAULT_MIN_GROUP } from '../../analysis/anonymity-floor.js';
import type { Database } from '../../db/schema.js';
import { ENRICHMENT_COLUMNS, rowToEnriched, VERBATIM_BASE_COLUMNS } from '../../db/verbatim-rows.js';
import { rowToThemeMention } from '../../db/verbatim-themes.table.js';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { ApiError } from '../errors.js';
import { whereRows, type RowFilters } from './where-verbatims.js';

/** One page of verbatims, newest first, and the cursor of the next page (null on the last). */
export interface VerbatimsPage {
  readonly verbatims: readonly EnrichedVerbatim[];
  readonly nextCursor: string | null;
}

/** Where a page ends: the sort key of its last row. `c` is the exact timestamp text (microseconds), null for undated rows. */
interface Cursor {
  readonly c: string | null;
  readonly i: string;
}

export const MAX_PAGE_SIZE = 500;

/**
 * Enriched verbatims matching the filters, newest first (undated last), by keyset
 * on (created_at, id): the dated rows walk the `(created_at, id)` index backwards,
 * the undated ones the primary key, so a page costs the same at the start or deep
 * in the list, on a thousand or a million rows. Employee answers fewer than the
 * anonymity floor (`minGroup`, default 5) are not listed (`employeeFloor`).
 *
 * @example const { verbatims, nextCursor } = await pageVerbatims(db, { segments: {}, theme: 'fees_pricing' }, { limit: 50 })
 */
export async function pageVerbatims(
  db: Kysely<Database>,
  asked: RowFilters,
  options: { limit: number; cursor?: string | undefined; minGroup?: number },
): Promise<VerbatimsPage> {
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const filters = await employeeFloor(db, asked, options.minGroup ?? DEFAULT_MIN_GROUP);
  if (filters === null) return { verbatims: [], nextCursor: null };
  const wanted = options.limit + 1;
  const select = () =>
    db
      .selectFrom('verbatims as v')
      .select([...VERBATIM_BASE_COLUMNS, ...ENRICHMENT_COLUMNS].map((column) => `v.${column}` as const))
      .select(sql<string | null>`to_char(v.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('sort_key'))
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('verbatim_themes as t')
            .select(['t.theme', 't.sentiment', 't.score', 't.confidence', 't.evidence'])
            .whereRef('t.verbatim_id', '=', 'v.id')
            .where('t.rolled_up', '=', false)
            .orderBy('t.confidence', 'desc')
            .orderBy('t.theme'),
        ).as('themes'),
      )
      .where('v.enriched_at', 'is not', null)
      .where(whereRows(filters));
  const rows = [];
  if (after === undefined || after.c !== null) {
    let dated = select().where('v.created_at', 'is not', null);
    if (after?.c != null) dated = dated.where(sql<boolean>`(v.created_at, v.id) < (${after.c}::timestamptz, ${after.i})`);
    rows.push(...(await dated.orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').limit(wanted).execute()));
  }
  if (rows.length < wanted) {
    let undated = select().where('v.created_at', 'is', null);
    if (after !== undefined && after.c === null) undated = undated.where('v.id', '<', after.i);
    rows.push(...(await undated.orderBy('v.id', 'desc').limit(wanted - rows.length).execute()));
  }
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    verbatims: page.map(({ themes, sort_key: _sortKey, ...row }) => rowToEnriched(row, themes.map(rowToThemeMention))),
    nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor({ c: last.sort_key, i: last.id }) : null,
  };
}

/** Rows a page when a whole list is walked (CSV export). */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * Every enriched verbatim matching the filters, newest first, a keyset page at a time:
 * memory stays at one page however long the list.
 *
 * @example for await (const page of everyVerbatim(db, { segments: {}, theme: 'fees_pricing' })) write(page)
 */
export async function* everyVerbatim(
  db: Kysely<Database>,
  filters: RowFilters,
  options: { pageSize?: number; minGroup?: number } = {},
): AsyncGenerator<readonly EnrichedVerbatim[]> {
  let cursor: string | undefined;
  do {
    const page = await pageVerbatims(db, filters, { limit: options.pageSize ?? EXPORT_PAGE_SIZE, cursor, ...(options.minGroup === undefined ? {} : { minGroup: options.minGroup }) });
    if (page.verbatims.length > 0) yield page.verbatims;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * The anonymity floor on a listing: when the employee answers it would show are fewer
 * than `minGroup` (a filter narrowed them to two people), they are left out — the
 * listing keeps its customers, an employees-only listing is empty (null).
 */
export async function employeeFloor(db: Kysely<Database>, filters: RowFilters, minGroup: number): Promise<RowFilters | null> {
  if (filters.respondent === 'customer') return filters;
  const employees = db
    .selectFrom('verbatims as v')
    .select(sql<number>`1`.as('one'))
    .where('v.enriched_at', 'is not', null)
    .where(whereRows({ ...filters, respondent: 'employee' }))
    .limit(minGroup)
    .as('e');
  const row = await db.selectFrom(employees).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (!belowFloor(Number(row.n), minGroup)) return filters;
  return filters.respondent === 'employee' ? null : { ...filters, respondent: 'customer' };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The sort key as `to_char` writes it (years 0001–9999, microseconds, UTC). */
const CURSOR_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CURSOR_ID = /^[\w-]{1,100}$/;

function decodeCursor(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    // Exactly the shapes `encodeCursor` writes: anything else would reach the database as a bad timestamp (a 500).
    const validDate = parsed.c === null || (typeof parsed.c === 'string' && CURSOR_TIME.test(parsed.c) && !Number.isNaN(new Date(parsed.c).getTime()));
    if (validDate && typeof parsed.i === 'string' && CURSOR_ID.test(parsed.i)) return { c: parsed.c ?? null, i: parsed.i };
  } catch {
    // reported below
  }
  throw new ApiError('bad_request', 'query parameter `cursor`: not a cursor this server gave out');
}
