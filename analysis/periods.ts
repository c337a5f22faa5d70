import { sql, type RawBuilder } from 'kysely';

export const PERIOD_GRANULARITIES = ['week', 'month'] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];

/**
 * The period label of `v.created_at` in UTC: `2026-03` (month) or `2026-W09` (ISO week).
 * Labels sort in time order as strings.
 */
export function periodExpression(granularity: PeriodGranularity, column: RawBuilder<unknown> = sql`v.created_at`): RawBuilder<string | null> {
  return granularity === 'month'
    ? sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM')`
    : sql<string | null>`to_char(${column} at time zone 'UTC', 'IYYY-"W"IW')`;
}

/** Months when the data spans more than 26 weeks, else weeks. */
export function defaultGranularity(first: Date | null, last: Date | null): PeriodGranularity {
  if (first === null || last === null) return 'month';
  return last.getTime() - first.getTime() > 26 * 7 * 86_400_000 ? 'month' : 'week';
}

/**
 * The period label of a date, as `periodExpression` computes it in SQL.
 *
 * @example periodOf(new Date('2026-01-01T00:00:00Z'), 'week') // '2026-W01'
 */
export function periodOf(date: Date, granularity: PeriodGranularity): string {
  if (granularity === 'month') return date.toISOString().slice(0, 7);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of the ISO week names its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Years a period is filled in for: dates outside are kept as their own periods but never bridged to. */
export const PERIOD_YEARS = Object.freeze({ first: 1900, last: 2100 });

/** Most periods `periodsBetween` lists (200 years of months): a stray far date cannot make a report list millions. */
export const MAX_PERIODS = 2400;

/**
 * Every period label from `first` to `last` inclusive, in time order (ISO weeks cross
 * year boundaries: 2026-W53 is followed by 2027-W01). Empty when `last` sorts before
 * `first`. Bounded: labels before 1900 or after 2100 are not listed (a date of
 * 9999-12-31 would fill 8,000 years of months), and at most `MAX_PERIODS` are.
 *
 * @example periodsBetween('2026-W52', '2027-W01', 'week') // ['2026-W52', '2026-W53', '2027-W01']
 */
export function periodsBetween(first: string, last: string, granularity: PeriodGranularity): string[] {
  const labels: string[] = [];
  const lowest = granularity === 'month' ? `${PERIOD_YEARS.first}-01` : `${PERIOD_YEARS.first}-W01`;
  const highest = `${PERIOD_YEARS.last}-99`;
  const start = first < lowest ? lowest : first;
  const end = last > highest ? highest : last;
  if (!/^\d{4}-(\d{2}|W\d{2})$/.test(start)) return labels;
  const current = periodStart(start, granularity);
  for (let label = start; label <= end && labels.length < MAX_PERIODS; label = periodOf(current, granularity)) {
    labels.push(label);
    if (granularity === 'month') current.setUTCMonth(current.getUTCMonth() + 1);
    else current.setUTCDate(current.getUTCDate() + 7);
  }
  return labels;
}

/** The first day (UTC) of a period label: the 1st of the month, or the Monday of the ISO week. */
function periodStart(label: string, granularity: PeriodGranularity): Date {
  const year = Number(label.slice(0, 4));
  if (granularity === 'month') return new Date(Date.UTC(year, Number(label.slice(5, 7)) - 1, 1));
  const jan4 = new Date(Date.UTC(year, 0, 4)); // week 1 holds 4 January
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + 7 * (Number(label.slice(6)) - 1));
  return monday;
}
