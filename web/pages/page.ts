import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TokenIdentity } from '../../db/tokens.table.js';
import type { ReportCache } from '../data-version.js';
import type { RawQuery, ViewFilters } from '../filters.js';
import type { SafeHtml } from '../html.js';
import type { FilterOptions } from '../queries/filter-options.js';
import type { AnyTable } from '../table.js';
import type { ReportEngineOptions } from '../viewer-report.js';

/** What a dashboard page is given. */
export interface PageContext {
  readonly db: Kysely<Database>;
  /** Memoizes aggregates until the data changes: `cache.get(key, compute)`, the key naming every input. */
  readonly cache: ReportCache;
  readonly now: Date;
  /** The anonymity floor of employee groups (`VERBATIM_MIN_GROUP`, default 5). */
  readonly minGroup: number;
  /** Where reports are counted (`viewerReport`'s options spread it). */
  readonly engine: ReportEngineOptions;
  readonly identity: TokenIdentity;
  /** The filters the user asked for, the token's scope ANDed in: what queries use. */
  readonly filters: ViewFilters;
  /** The user's filters as query parameters (no scope): what links keep. */
  readonly params: URLSearchParams;
  readonly query: RawQuery;
  readonly routeParams: Readonly<Record<string, string>>;
  /** The request path, for links back to this page. */
  readonly path: string;
  /** A CSRF token for the page's forms. */
  readonly csrf: string;
  readonly options: FilterOptions;
  /** The request's `Accept-Language` header: the interface language when `?ui=` does not say (`interfaceLanguage`). */
  readonly acceptLanguage?: string | undefined;
}

/** What a page gives back: its body, the tables it shows (each downloadable as CSV), the data of its charts. */
export interface PageResult {
  readonly title: string;
  readonly body: SafeHtml;
  readonly tables: readonly AnyTable[];
  /** Read by /assets/dashboard.js from a JSON block; keyed by the `data-chart` of a canvas. */
  readonly charts?: Readonly<Record<string, unknown>>;
  /** Query parameters the filter form keeps besides the filters (sort order, search text). */
  readonly keep?: readonly string[];
}

export type PageHandler = (context: PageContext) => Promise<PageResult>;
