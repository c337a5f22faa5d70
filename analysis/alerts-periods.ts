import { periodOf, type PeriodGranularity } from './periods.js';

/** One period: its label (`2026-W24`, `2026-06`) and its bounds, `from` inclusive, `to` exclusive (UTC). */
export interface PeriodBounds {
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
}

function startOf(date: Date, granularity: PeriodGranularity): Date {
  if (granularity === 'month') return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() || 7) - 1));
  return day;
}

function shift(start: Date, granularity: PeriodGranularity, by: number): Date {
  const next = new Date(start);
  if (granularity === 'month') next.setUTCMonth(next.getUTCMonth() + by);
  else next.setUTCDate(next.getUTCDate() + 7 * by);
  return next;
}

/**
 * The last complete period before `now` and the `count` periods before it, oldest first:
 * a period still running is never judged (half a week always looks like a drop).
 *
 * @example closedPeriods(new Date('2026-06-15T12:00Z'), 'week', 2).map((p) => p.label) // ['2026-W22', '2026-W23', '2026-W24']
 */
export function closedPeriods(now: Date, granularity: PeriodGranularity, count: number): PeriodBounds[] {
  const current = startOf(now, granularity);
  const periods: PeriodBounds[] = [];
  for (let back = count + 1; back >= 1; back -= 1) {
    const from = shift(current, granularity, -back);
    periods.push({ label: periodOf(from, granularity), from, to: shift(from, granularity, 1) });
  }
  return periods;
}
