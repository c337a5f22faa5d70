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
