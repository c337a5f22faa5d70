import type { ReportFilters } from '../analysis/report-filters.js';
import type { Scope } from '../db/tokens.table.js';
import { isIsoDate } from '../core/iso-date.js';
import { NPS_CATEGORIES, RESPONDENTS, type NpsCategory, type Respondent } from '../core/vocabulary.js';
import { ApiError } from './errors.js';

/** A parsed query string: Fastify gives a string, or an array for a repeated key. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The filters of every dashboard view and API route, as the user asked (before the token's scope). */
export interface ViewFilters {
  readonly from?: string;
  readonly to?: string;
  readonly segments: Readonly<Record<string, string>>;
  readonly source?: string;
  readonly lang?: string;
  readonly journey?: string;
  readonly npsCategory?: NpsCategory;
  readonly respondent?: Respondent;
}

const MAX_VALUE_LENGTH = 200;

/** NUL and other control characters: the database refuses NUL in text (a 500 before), and no filter needs them. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Years a date filter may name: the data's own bounds (imports refuse dates outside); year 0000 is no date at all. */
const YEARS = { first: 1900, last: 2100 } as const;

/**
 * A value of the query or of the path, refused (400) when it holds control characters.
 *
 * @example checked('theme', request.params.theme)
 */
export function checked(name: string, text: string): string {
  if (CONTROL.test(text)) throw new ApiError('bad_request', `query parameter \`${name}\`: control characters (such as NUL) are not allowed`);
  return text;
}

/** One value of a query parameter; empty counts as absent (a form's empty field); a repeated key is an error. */
export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new ApiError('bad_request', `query parameter \`${name}\`: expected one value, got ${value.length}`);
  const text = (value as string | undefined)?.trim();
  if (text === undefined || text === '') return undefined;
  if (text.length > MAX_VALUE_LENGTH) throw new ApiError('bad_request', `query parameter \`${name}\`: longer than ${MAX_VALUE_LENGTH} characters`);
  return checked(name, text);
}

function many(query: RawQuery, name: string): string[] {
  const value = query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? (value as readonly string[]) : [value as string];
  return values.map((item) => checked(name, item.trim())).filter((item) => item !== '');
}

function oneOf<T extends string>(query: RawQuery, name: string, values: readonly T[]): T | undefined {
  const value = single(query, name);
  if (value === undefined || (values as readonly string[]).includes(value)) return value as T | undefined;
  throw new ApiError('bad_request', `query parameter \`${name}\`: expected one of ${values.join(', ')}, got \`${value}\``);
}

/** A calendar date (`2026-06-30`), checked by the CLI's rule (`isIsoDate`): `2026-02-30` is refused, not read as 2 March. */
function date(query: RawQuery, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isIsoDate(value)) {
    throw new ApiError('bad_request', `query parameter \`${name}\`: expected a date like 2026-06-30, got \`${value}\``);
  }
  const year = Number(value.slice(0, 4));
  if (year < YEARS.first || year > YEARS.last) {
    throw new ApiError('bad_request', `query parameter \`${name}\`: expected a date from ${YEARS.first} to ${YEARS.last}, got \`${value}\``);
  }
  return value;
}

/**
 * Reads and checks the filters of a query string.
 *
 * @example parseFilters({ from: '2026-01-01', segment: 'branch:Lyon' }) // { from: '2026-01-01', segments: { branch: 'Lyon' } }
 */
export function parseFilters(query: RawQuery): ViewFilters {
  // Null prototype: a segment named `__proto__` or `constructor` is a segment like any other.
  const segments: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of many(query, 'segment')) {
    const match = /^([^=:]+)[:=](.+)$/.exec(pair);
    if (match === null) throw new ApiError('bad_request', `query parameter \`segment\`: expected KEY:VALUE, got \`${pair}\``);
    segments[(match[1] as string).trim()] = (match[2] as string).trim();
  }
  const filters = {
    from: date(query, 'from'),
    to: date(query, 'to'),
    segments: { ...segments },
    source: single(query, 'source'),
    lang: single(query, 'lang'),
    journey: single(query, 'journey'),
    npsCategory: oneOf(query, 'nps_category', NPS_CATEGORIES),
    respondent: oneOf(query, 'respondent', RESPONDENTS),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as unknown as ViewFilters;
}

/**
 * The filters with the token's scope ANDed in, server-side. Asking for another
 * value of a scoped key is refused rather than silently narrowed.
 *
 * @example scoped({ segments: {} }, { branch: 'Lyon' }).segments // { branch: 'Lyon' }
 */
export function scoped(filters: ViewFilters, scope: Scope): ViewFilters {
  for (const [key, value] of Object.entries(scope)) {
    // Own keys only: `filters.segments.constructor` is Object's, not a segment the user asked for.
    const asked = Object.hasOwn(filters.segments, key) ? filters.segments[key] : undefined;
    if (asked !== undefined && asked !== value) {
      throw new ApiError('out_of_scope', `segment \`${key}\` is limited to \`${value}\` for this token`);
    }
  }
  return { ...filters, segments: { ...filters.segments, ...scope } };
}

/** The filters of `analysis/` (report, trends); respondent defaults to customers there. */
export function toReportFilters(filters: ViewFilters): ReportFilters {
  const { segments, ...rest } = filters;
  return Object.keys(segments).length === 0 ? rest : { ...rest, segments };
}

/**
 * The filters back as query parameters, so links and forms keep the view (shareable URLs).
 * Only what the user asked is written, never the scope.
 */
export function filterParams(filters: ViewFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from !== undefined) params.set('from', filters.from);
  if (filters.to !== undefined) params.set('to', filters.to);
  for (const [key, value] of Object.entries(filters.segments)) params.append('segment', `${key}:${value}`);
  if (filters.source !== undefined) params.set('source', filters.source);
  if (filters.lang !== undefined) params.set('lang', filters.lang);
  if (filters.journey !== undefined) params.set('journey', filters.journey);
  if (filters.npsCategory !== undefined) params.set('nps_category', filters.npsCategory);
  if (filters.respondent !== undefined) params.set('respondent', filters.respondent);
  return params;
}

/** A local path with query parameters, e.g. `href('/themes', params, { sort: 'impact' })`. */
export function href(path: string, params: URLSearchParams, extra: Readonly<Record<string, string | undefined>> = {}): string {
  const all = new URLSearchParams(params);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) all.delete(key);
    else all.set(key, value);
  }
  const query = all.toString();
  return query === '' ? path : `${path}?${query}`;
}
