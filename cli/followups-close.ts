import { InvalidArgumentError, type Command } from 'commander';
import { InputError, UsageError } from '../core/errors.js';
import { closeFollowups, MAX_CLOSE_REASON_LENGTH, type FollowupSelection } from '../db/followups.table.js';
import { terminalSafe } from '../reports/terminal-safe.js';
import type { CliContext } from './context.js';
import { instantOf } from './followups-since.js';
import { isoDate } from './option-parsers.js';
import { withDatabase } from './with-database.js';

/** The options of `verbatim followups close` without an id. */
export interface BulkCloseOptions {
  readonly allOverdue?: boolean;
  readonly before?: string;
  readonly ids?: readonly number[];
  readonly reason?: string;
}

/** Ids one `--ids` takes: one statement, bounded. */
const MAX_IDS = 10_000;

/** Adds the bulk options to `followups close`. */
export function registerBulkCloseOptions(command: Command): Command {
  return command
    .option('--all-overdue', 'close every follow-up past its 48 h deadline')
    .option('--before <date>', 'close every follow-up whose answer was given before this date', isoDate)
    .option('--ids <ids>', 'close these follow-ups (comma-separated ids)', idList)
    .option('--reason <text>', 'why they are closed without a call (required with the three above)');
}

/**
 * `followups close --all-overdue|--before DATE|--ids 1,2,3 --reason TEXT`: one UPDATE, the
 * reason stored with each; ids that were not open are named, and make the exit code 1.
 *
 * @example verbatim followups close --before 2026-11-01 --reason "history import: not called back"
 */
export async function closeInBulk(context: CliContext, options: BulkCloseOptions): Promise<void> {
  const now = context.now();
  const selection = selectionOf(options, now);
  const reason = options.reason?.trim() ?? '';
  if (reason === '') throw new UsageError('closing many follow-ups needs --reason TEXT (why they are closed without a call)');
  if (reason.length > MAX_CLOSE_REASON_LENGTH) throw new UsageError(`--reason: longer than ${MAX_CLOSE_REASON_LENGTH} characters`);
  const { closed, notClosed } = await withDatabase(context, (db) => closeFollowups(db, selection, reason, now));
  context.stdout.write(`${closed.length} follow-ups closed (reason: ${terminalSafe(reason)})\n`);
  if (notClosed.length > 0) {
    throw new InputError(`${notClosed.length} of ${selection.kind === 'ids' ? selection.ids.length : 0} ids were not open follow-ups: ${notClosed.map((id) => `#${id}`).join(', ')}`, { field: 'ids' });
  }
}

function selectionOf(options: BulkCloseOptions, now: Date): FollowupSelection {
  const chosen: FollowupSelection[] = [];
  if (options.allOverdue === true) chosen.push({ kind: 'overdue', at: now });
  if (options.before !== undefined) chosen.push({ kind: 'answered-before', before: instantOf(options.before) });
  if (options.ids !== undefined) chosen.push({ kind: 'ids', ids: options.ids });
  const [selection] = chosen;
  if (chosen.length !== 1 || selection === undefined) {
    throw new UsageError('followups close: give an ID, or exactly one of --all-overdue, --before DATE, --ids 1,2,3 (with --reason)');
  }
  return selection;
}

function idList(value: string): number[] {
  const ids = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (ids.length === 0 || ids.length > MAX_IDS || !ids.every((id) => /^[1-9]\d{0,8}$/.test(id))) {
    throw new InvalidArgumentError(`expected follow-up ids separated by commas (1 to ${MAX_IDS}), got \`${value}\``);
  }
  return [...new Set(ids.map(Number))];
}
