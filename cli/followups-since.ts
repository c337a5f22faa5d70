import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '../core/iso-date.js';
import { countDetractorsWithoutFollowup, cutoffDate, type FollowupCutoff } from '../db/followups.table.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The help text of `--followups-since`, shared by the commands that open callbacks. */
export const FOLLOWUPS_SINCE_HELP =
  'open detractor callbacks only for answers since DATE, or the last Nd days (default 7d); `all`: every detractor, however old';

/**
 * `--followups-since`: `all`, a date (`2026-11-01`, midnight UTC, or a timestamp) or `Nd`.
 *
 * @example followupsSince('7d') // { kind: 'days', days: 7, before: 'now' }
 */
export function followupsSince(value: string): FollowupCutoff {
  if (value === 'all') return { kind: 'all' };
  const days = /^(\d{1,5})d$/.exec(value);
  if (days !== null) return { kind: 'days', days: Number(days[1]), before: 'now' };
  if (isIsoDate(value)) return { kind: 'since', at: instantOf(value) };
  throw new InvalidArgumentError(`expected a date like 2026-11-01, a number of days like 7d, or all, got \`${value}\``);
}

/** An ISO date or timestamp as an instant: a bare date is its midnight UTC (not the machine's zone). */
export function instantOf(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/**
 * The summary's word on the detractors a cut-off left without a callback, or '' when none
 * (or no cut-off). Said once, by the command, after everything it opened.
 *
 * @example await olderDetractorsNote(db, cutoff, now) // '1342 older detractors (answered before 2026-11-29) have no callback: --followups-since all opens them'
 */
export async function olderDetractorsNote(db: Kysely<Database>, cutoff: FollowupCutoff, now: Date): Promise<string> {
  const before = await cutoffDate(db, cutoff, now);
  if (before === null) return '';
  const older = await countDetractorsWithoutFollowup(db, before);
  if (older === 0) return '';
  return `${older} older detractors (answered before ${before.toISOString().slice(0, 16).replace('T', ' ')} UTC) have no callback: --followups-since DATE|all opens them`;
}
