import type { Kysely } from 'kysely';
import { markDelivery, raiseAlerts, type AlertRow, type NewAlert } from '../db/alerts.table.js';
import type { Database } from '../db/schema.js';
import { composeAlertEmail } from './alerts-email-message.js';
import { sendAlertEmail, type EmailOptions, type EmailResult } from './alerts-email.js';
import { evaluateRule } from './alerts-evaluate.js';
import type { AlertRules } from './alerts-rules.js';
import { postWebhook, type WebhookOptions, type WebhookResult } from './alerts-webhook.js';
import { inReportSnapshot } from './report-snapshot.js';
import { readThemeLabels } from './theme-labels.js';

export interface AlertRunOptions extends WebhookOptions, EmailOptions {
  readonly now: Date;
}

/** What one evaluation did: every rule's count, the alerts raised now, each webhook's and the e-mail's delivery. */
export interface AlertRunResult {
  readonly rules: readonly { readonly id: string; readonly events: number }[];
  /** Stored now (events seen before are not here: they were raised and sent then). */
  readonly raised: readonly AlertRow[];
  readonly deliveries: readonly WebhookResult[];
  /** The run's e-mail; null when nothing was raised or the rules have no `email`. */
  readonly email: EmailResult | null;
}

/** Lines a webhook message lists before "and N more". */
const MAX_LINES = 20;

/**
 * Evaluates every rule on one snapshot, stores the new events (`raiseAlerts`: once per
 * event key) and sends those, and only those, to each webhook and by e-mail, one message
 * each. A failed delivery is recorded on the alerts (`delivery_error`) and not retried by
 * later runs, which only send what they raise.
 *
 * @example const { raised } = await runAlerts(db, parseAlertRules(text, 'alerts.yaml'), { now: new Date() })
 */
export async function runAlerts(db: Kysely<Database>, rules: AlertRules, options: AlertRunOptions): Promise<AlertRunResult> {
  const perRule = await inReportSnapshot(db, async (snapshot) => {
    const results: { id: string; events: NewAlert[] }[] = [];
    // One after the other: a snapshot is one connection.
    for (const rule of rules.rules) results.push({ id: rule.id, events: await evaluateRule(snapshot, rule, options.now) });
    return results;
  });
  const raised = await raiseAlerts(db, perRule.flatMap((rule) => rule.events));
  const [deliveries, email] = raised.length === 0 ? [[], null] : await Promise.all([postToWebhooks(rules, raised, options), sendEmail(db, rules, raised, options)]);
  if (deliveries.length > 0 || email !== null) {
    const failed = [...deliveries.map((result) => result.error), email?.error ?? null].filter((error) => error !== null);
    const error = failed.length === 0 ? null : failed.join('; ');
    for (const alert of raised) await markDelivery(db, alert.id, options.now, error);
  }
  return { rules: perRule.map((rule) => ({ id: rule.id, events: rule.events.length })), raised, deliveries, email };
}

async function sendEmail(db: Kysely<Database>, rules: AlertRules, raised: readonly AlertRow[], options: AlertRunOptions): Promise<EmailResult | null> {
  // The rules file refuses `email` without `dashboardUrl`.
  if (rules.email === undefined || rules.dashboardUrl === undefined) return null;
  return sendAlertEmail(rules.email, composeAlertEmail(raised, rules.dashboardUrl, await readThemeLabels(db)), options);
}

async function postToWebhooks(rules: AlertRules, raised: readonly AlertRow[], options: AlertRunOptions): Promise<WebhookResult[]> {
  if (rules.webhooks.length === 0) return [];
  const link = rules.dashboardUrl === undefined ? '' : `\n${new URL('/alerts', rules.dashboardUrl).toString()}`;
  const more = raised.length > MAX_LINES ? `\n… and ${raised.length - MAX_LINES} more` : '';
  const text = `verbatim: ${raised.length} new alert${raised.length === 1 ? '' : 's'}\n${raised
    .slice(0, MAX_LINES)
    .map((alert) => `• ${alert.message}`)
    .join('\n')}${more}${link}`;
  return Promise.all(rules.webhooks.map((url) => postWebhook(url, text, options)));
}
