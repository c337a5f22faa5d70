import { InvalidArgumentError } from 'commander';
import type { Writable } from 'node:stream';
import {
  assignFollowup,
  closeFollowup,
  DEFAULT_FOLLOWUP_CUTOFF,
  FOLLOWUP_STATUSES,
  listFollowups,
  openDetractorFollowups,
  type FollowupListFilter,
  type FollowupListItem,
  type FollowupStatus,
} from '../db/followups.table.js';
import { InputError, UsageError } from '../core/errors.js';
import { terminalSafe } from '../reports/terminal-safe.js';
import { closeInBulk, registerBulkCloseOptions, type BulkCloseOptions } from './followups-close.js';
import { oneOf, segmentPair } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `verbatim followups list|assign|close|overdue`: the detractor call-back loop (due 48 h after the answer). */
export const registerFollowups: CommandRegistration = (program, context) => {
  const followups = program.command('followups').description('detractor call-backs, due 48 h after the answer');

  followups
    .command('list')
    .description('every follow-up by due date (opens those missing for detractors of the last 7 days first)')
    .option('--status <status>', `one of ${FOLLOWUP_STATUSES.join(', ')}`, oneOf(FOLLOWUP_STATUSES))
    .option('--assignee <who>', 'only those given to this person')
    .option('--segment <key=value...>', 'only answers with this segment value, e.g. branch=Lyon (repeatable)', segmentPair, {})
    .option('--json', 'one JSON object a line')
    .action(async (options: { status?: FollowupStatus; assignee?: string; segment: Record<string, string>; json?: boolean }) => {
      const filter: FollowupListFilter = {
        ...(options.status === undefined ? {} : { status: options.status }),
        ...(options.assignee === undefined ? {} : { assignee: options.assignee }),
        segments: options.segment,
      };
      const rows = await withDatabase(context, async (db) => {
        await openDetractorFollowups(db, context.now(), DEFAULT_FOLLOWUP_CUTOFF);
        return listFollowups(db, filter);
      });
      printFollowups(context.stdout, rows, options.json === true, context.now());
    });

  followups
    .command('overdue')
    .description('follow-ups not closed whose 48 h deadline has passed')
    .option('--json', 'one JSON object a line')
    .action(async (options: { json?: boolean }) => {
      const now = context.now();
      const rows = await withDatabase(context, async (db) => {
        await openDetractorFollowups(db, now, DEFAULT_FOLLOWUP_CUTOFF);
        return listFollowups(db, { overdueAt: now });
      });
      printFollowups(context.stdout, rows, options.json === true, now);
    });

  followups
    .command('assign')
    .description('give a follow-up to someone')
    .argument('<id>', 'follow-up id', parseId)
    .argument('<assignee>', 'who calls the customer back')
    .action(async (id: number, assignee: string) => {
      const row = await withDatabase(context, (db) => assignFollowup(db, id, assignee));
      if (row === undefined) throw new InputError(`no open follow-up with id ${id}`, { field: 'id' });
      context.stdout.write(`follow-up ${id} assigned to ${terminalSafe(assignee)}\n`);
    });

  const close = followups
    .command('close')
    .description('close a follow-up with a note on what was done, or many at once with a reason')
    .argument('[id]', 'follow-up id', parseId)
    .option('--note <text>', 'what was done', '');
  registerBulkCloseOptions(close).action(async (id: number | undefined, options: BulkCloseOptions & { note: string }) => {
    if (id === undefined) {
      await closeInBulk(context, options);
      return;
    }
    if (options.reason !== undefined || options.allOverdue === true || options.before !== undefined || options.ids !== undefined) {
      throw new UsageError('close ID takes --note; --all-overdue, --before, --ids and --reason close many, without an ID');
    }
    const row = await withDatabase(context, (db) => closeFollowup(db, id, options.note, context.now()));
    if (row === undefined) throw new InputError(`no open follow-up with id ${id}`, { field: 'id' });
    context.stdout.write(`follow-up ${id} closed\n`);
  });
};

function printFollowups(out: Writable, rows: readonly FollowupListItem[], json: boolean, now: Date): void {
  if (json) {
    for (const row of rows) out.write(`${JSON.stringify(row)}\n`);
    return;
  }
  if (rows.length === 0) {
    out.write('no follow-ups\n');
    return;
  }
  for (const row of rows) {
    const late = row.status !== 'closed' && row.due_at < now ? ' OVERDUE' : '';
    // Customer text and assignee names may carry terminal escape codes: printed, never run.
    const excerpt = [...terminalSafe(row.text).replace(/\s+/g, ' ')].slice(0, 80).join('');
    const assignee = row.assignee === null ? 'unassigned' : terminalSafe(row.assignee);
    out.write(`#${row.id} ${row.status}${late} due ${row.due_at.toISOString()} nps ${row.nps ?? '-'} ${assignee} — ${excerpt}\n`);
  }
  out.write(`${rows.length} follow-ups\n`);
}

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError(`expected a follow-up id (a whole number from 1), got \`${value}\``);
  return id;
}
