import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import { parseAlertRules, type AlertRules } from '../analysis/alerts-rules.js';
import { runAlerts, type AlertRunResult } from '../analysis/alerts-run.js';
import { redactedUrl } from '../analysis/alerts-webhook.js';
import { UsageError } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import { terminalSafe } from '../reports/terminal-safe.js';
import type { CliContext } from './context.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `<VERBATIM_DATA_DIR>/alerts.yaml`: the rules `alerts run` and the import/enrich hook read unless told. */
export function defaultRulesPath(context: Pick<CliContext, 'env'>): string {
  return path.join(context.env.dataDir, 'alerts.yaml');
}

/** The rules file, or null when it does not exist (no rules: nothing to evaluate). */
async function readRules(file: string): Promise<AlertRules | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseAlertRules(text, file);
}

/** What a run raised, one line an alert, for people and cron mail. */
function printRun(result: AlertRunResult, write: (line: string) => void, prefix = ''): void {
  const events = result.rules.reduce((sum, rule) => sum + rule.events, 0);
  const retried = result.retried === 0 ? '' : `; ${result.retried} undelivered before, sent again`;
  write(`${prefix}${result.rules.length} rules evaluated, ${result.raised.length} new alerts (${events - result.raised.length} already raised${retried})\n`);
  for (const alert of result.raised) write(`${prefix}#${alert.id} ${terminalSafe(alert.message)}\n`);
  for (const delivery of result.deliveries) {
    write(`${prefix}webhook ${redactedUrl(delivery.url)} ${delivery.error === null ? 'delivered' : `failed after ${delivery.attempts} attempts: ${terminalSafe(delivery.error)}`}\n`);
  }
  const { email } = result;
  if (email !== null) {
    const to = `e-mail to ${email.recipients.length} recipient${email.recipients.length === 1 ? '' : 's'} via ${email.server}`;
    write(`${prefix}${to} ${email.error === null ? 'sent' : `failed after ${email.attempts} attempts: ${terminalSafe(email.error)}`}\n`);
  }
}

/**
 * The alerts at the end of `import` and `enrich`: the default rules file if there is one,
 * reported on stderr. Never throws: an alert problem must not fail an import.
 *
 * @example await alertsAfterWrite(context, db, 'enrich')
 */
export async function alertsAfterWrite(context: CliContext, db: Kysely<Database>, command: string): Promise<void> {
  try {
    const rules = await readRules(defaultRulesPath(context));
    if (rules === null) return;
    printRun(await runAlerts(db, rules, { now: context.now(), smtpPassword: context.env.smtpPassword }), (line) => context.stderr.write(line), `${command}: alerts: `);
  } catch (error) {
    context.stderr.write(`${command}: alerts not evaluated: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
  }
}

function instant(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError(`expected a date like 2026-06-15 or 2026-06-15T08:00:00Z, got \`${value}\``);
  return date;
}

/** `verbatim alerts run [--rules FILE] [--now DATE]`: evaluate the rules, store and send what is new (for cron). */
export const registerAlerts: CommandRegistration = (program, context) => {
  const alerts = program.command('alerts').description('alert rules on themes, NPS, sentiment: spikes, drops, thresholds, emerging themes');
  alerts
    .command('run')
    .description('evaluate the rules on the last complete period; store, print and send (webhooks) the alerts not raised before')
    .option('--rules <file>', 'the rules file, YAML or JSON (default: <VERBATIM_DATA_DIR>/alerts.yaml)')
    .option('--now <date>', 'evaluate as if it were this date (default: now)', instant)
    .action(async (options: { rules?: string; now?: Date }) => {
      const file = options.rules === undefined ? defaultRulesPath(context) : path.resolve(context.cwd, options.rules);
      const rules = await readRules(file);
      if (rules === null) throw new UsageError(`${file}: no such rules file (see "Alerts" in the README)`);
      const result = await withDatabase(context, (db) => runAlerts(db, rules, { now: options.now ?? context.now(), smtpPassword: context.env.smtpPassword }));
      printRun(result, (line) => context.stdout.write(line));
    });
};
