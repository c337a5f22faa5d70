import { isIsoDate } from '../core/iso-date.js';

/** What the current period is compared with: the previous period of the same length, or a chosen one. */
export type Against = 'previous' | { readonly from: string; readonly to: string };

/** A period: `from` inclusive, `to` exclusive (as `ReportFilters`). */
export interface PeriodBounds {
  readonly from: string;
  readonly to: string;
}

/** Days of the current period when the scope names no start. */
export const DEFAULT_PERIOD_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Reads `previous` or `FROM..TO` (ISO dates, FROM before TO, TO exclusive).
 *
 * @example parseAgainst('2026-01-01..2026-02-01') // { from: '2026-01-01', to: '2026-02-01' }
 */
export function parseAgainst(text: string): Against {
  if (text === 'previous') return 'previous';
  const match = /^(.+)\.\.(.+)$/.exec(text);
  const [from, to] = [match?.[1]?.trim() ?? '', match?.[2]?.trim() ?? ''];
  if (match === null || !isIsoDate(from) || !isIsoDate(to)) throw new RangeError(`Expected \`previous\` or FROM..TO with ISO dates (2026-01-01..2026-02-01), got \`${text}\``);
  if (new Date(from).getTime() >= new Date(to).getTime()) throw new RangeError(`Expected FROM before TO, got \`${text}\``);
  return { from, to };
}

/**
 * The two periods compared. The current one is the scope's `from`..`to`; a missing `to`
 * is the day after the last verbatim in scope (`lastDay`, else `now`), a missing `from`
 * `DEFAULT_PERIOD_DAYS` before `to`. `previous` is the period of the same length that
 * ends where the current one starts.
 *
 * @example comparedPeriods({ from: '2026-03-01', to: '2026-04-01' }, 'previous', null, now).reference // { from: '2026-01-29', to: '2026-03-01' }
 */
export function comparedPeriods(scope: { readonly from?: string; readonly to?: string }, against: Against, lastDay: Date | null, now: Date): { current: PeriodBounds; reference: PeriodBounds } {
  const to = scope.to ?? dayAfter(lastDay ?? now);
  const from = scope.from ?? isoText(new Date(new Date(to).getTime() - DEFAULT_PERIOD_DAYS * DAY_MS));
  const current = { from, to };
  if (against !== 'previous') return { current, reference: against };
  const start = new Date(from).getTime();
  const length = new Date(to).getTime() - start;
  if (!(length > 0)) throw new RangeError(`Expected the period to compare to end after it starts, got ${from}..${to}`);
  return { current, reference: { from: isoText(new Date(start - length)), to: from } };
}

/** The UTC day after `date`, as an ISO date. */
function dayAfter(date: Date): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)).toISOString().slice(0, 10);
}

/** An ISO date when at midnight UTC, else the full timestamp. */
function isoText(date: Date): string {
  const text = date.toISOString();
  return text.endsWith('T00:00:00.000Z') ? text.slice(0, 10) : text;
}
