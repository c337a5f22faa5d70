import type { PeriodGranularity } from '../../analysis/periods.js';
import type { ViewFilters } from '../filters.js';

/** What a clicked bar, cell or row stands for: the verbatims behind it, within the page's filters. */
export interface Drill {
  readonly theme?: string;
  readonly journey?: string;
  readonly source?: string;
  /** A segment field and its value (`['branch', 'Lyon']`). */
  readonly segment?: readonly [string, string];
  /** A period label of a breakdown or trend (`2026-03`, `2026-W09`, or a trend's first day `2026-03-01`). */
  readonly period?: { readonly label: string; readonly granularity: PeriodGranularity };
  /** Dates as the filters read them (`to` exclusive), e.g. an emerging theme's recent window. */
  readonly dates?: { readonly from: string; readonly to: string };
}

/**
 * The search page listing the verbatims a figure counts: the page's filters (as the
 * user asked them: `params`), narrowed by the drill. Report figures are customer
 * figures unless the view asks for employees, so the link says `respondent=customer`
 * then (the search lists both otherwise). Built on the server: the client only
 * follows URLs it is given.
 *
 * @example verbatimsHref(params, filters, { theme: 'fees', journey: 'onboarding' }) // '/search?respondent=customer&theme=fees&journey=onboarding'
 */
export function verbatimsHref(params: URLSearchParams, filters: ViewFilters, drill: Drill): string {
  const query = new URLSearchParams(params);
  if (filters.respondent === undefined) query.set('respondent', 'customer');
  if (drill.theme !== undefined) query.set('theme', drill.theme);
  if (drill.journey !== undefined) query.set('journey', drill.journey);
  if (drill.source !== undefined) query.set('source', drill.source);
  if (drill.segment !== undefined) {
    const [key, value] = drill.segment;
    const others = query.getAll('segment').filter((pair) => !pair.startsWith(`${key}:`) && !pair.startsWith(`${key}=`));
    query.delete('segment');
    for (const pair of [...others, `${key}:${value}`]) query.append('segment', pair);
  }
  const range = drill.dates ?? (drill.period === undefined ? null : periodRange(drill.period.label, drill.period.granularity));
  if (range !== null) {
    // Within the page's own dates too: a period cut by the filters counts only its part.
    query.set('from', filters.from !== undefined && filters.from > range.from ? filters.from : range.from);
    query.set('to', filters.to !== undefined && filters.to < range.to ? filters.to : range.to);
  }
  return `/search?${query.toString()}`;
}

const DAY = 86_400_000;

/**
 * The dates of a period label as the filters read them (`to` exclusive); null for a
 * label that is no period (an undated group).
 *
 * @example periodRange('2026-03', 'month') // { from: '2026-03-01', to: '2026-04-01' }
 * @example periodRange('2026-W01', 'week') // { from: '2025-12-29', to: '2026-01-05' }
 */
export function periodRange(label: string, granularity: PeriodGranularity): { from: string; to: string } | null {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const month = /^(\d{4})-(\d{2})(?:-01)?$/.exec(label);
  if (granularity === 'month' && month !== null) {
    const year = Number(month[1]);
    const index = Number(month[2]) - 1;
    return { from: day(new Date(Date.UTC(year, index, 1))), to: day(new Date(Date.UTC(year, index + 1, 1))) };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (granularity === 'week' && week !== null) {
    // ISO week 1 holds 4 January; its Monday starts the year's weeks.
    const january4 = new Date(Date.UTC(Number(week[1]), 0, 4));
    const monday = january4.getTime() - ((january4.getUTCDay() || 7) - 1) * DAY + (Number(week[2]) - 1) * 7 * DAY;
    return { from: day(new Date(monday)), to: day(new Date(monday + 7 * DAY)) };
  }
  const monday = /^\d{4}-\d{2}-\d{2}$/.exec(label);
  if (granularity === 'week' && monday !== null) {
    const start = new Date(`${label}T00:00:00.000Z`).getTime();
    return { from: label, to: day(new Date(start + 7 * DAY)) };
  }
  return null;
}
