import type { QueueStatus } from '../pipeline/queue/queue-admin.js';
import type { CliContext } from './context.js';
import { seconds } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { queueSettingsFrom } from './queue-environment.js';

/**
 * `verbatim queue status | retry-failed | clean`: the BullMQ queue of the
 * scale-out runner (`REDIS_URL`, `VERBATIM_QUEUE`).
 */
export const registerQueue: CommandRegistration = (program, context) => {
  const queue = program.command('queue').description('the scale-out job queue (REDIS_URL): status, retry-failed, clean');
  queue
    .command('status')
    .description('jobs per state, connected workers, latest failures with their reasons')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { queueStatus } = await import('../pipeline/queue/queue-admin.js');
      const status = await queueStatus(queueSettingsFrom(context.env, 'queue status'));
      context.stdout.write(options.json === true ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status));
    });
  queue
    .command('retry-failed')
    .description('put every failed job back in the queue, attempts counted from zero')
    .action(async () => {
      const { retryFailedJobs } = await import('../pipeline/queue/queue-admin.js');
      const retried = await retryFailedJobs(queueSettingsFrom(context.env, 'queue retry-failed'));
      context.stdout.write(`retried ${retried} failed jobs\n`);
    });
  queue
    .command('clean')
    .description('remove finished jobs (completed, failed); --pending also drops the jobs not started (their verbatims stay pending)')
    .option('--grace <seconds>', 'keep jobs that finished less than this long ago', seconds, 0)
    .option('--pending', 'also drop waiting and delayed jobs')
    .action(async (options: { grace: number; pending?: boolean }) => {
      const { cleanQueue } = await import('../pipeline/queue/queue-admin.js');
      const settings = queueSettingsFrom(context.env, 'queue clean');
      const removed = await cleanQueue(settings, { graceMs: options.grace * 1000, pending: options.pending === true });
      writeClean(context, removed);
    });
};

function renderStatus(status: QueueStatus): string {
  const counts = Object.entries(status.counts).map(([state, n]) => `${state} ${n}`).join(', ');
  const lines = [`queue ${status.queue}: ${counts}`, `workers connected: ${status.workers}`];
  if (status.failed.length > 0) lines.push('latest failures:');
  for (const job of status.failed) {
    lines.push(`  ${job.jobId} (${job.verbatims} verbatims, ${job.attempts} attempts, ${job.failedAt ?? 'time unknown'}): ${job.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function writeClean(context: CliContext, removed: { completed: number; failed: number; pending: number }): void {
  context.stdout.write(`removed ${removed.completed} completed, ${removed.failed} failed, ${removed.pending} pending jobs\n`);
}
