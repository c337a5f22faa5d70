import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordDeliveries, undeliveredAlerts, type ChannelDelivery, type RetryPolicy } from '../db/alert-deliveries.table.js';
import { raiseAlerts, type AlertRow, type NewAlert } from '../db/alerts.table.js';
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
  /** Alerts of earlier runs sent again to a channel that had failed them. */
  readonly retried: number;
  readonly deliveries: readonly WebhookResult[];
  /** The run's e-mail; null when nothing was raised or the rules have no `email`. */
  readonly email: EmailResult | null;
}

/** Lines a webhook message lists before "and N more". */
const MAX_LINES = 20;
/** A channel that failed an alert is tried again by the next runs, this many times in all, for this long. */
const MAX_ATTEMPTS = 5;
const RETRY_HOURS = 72;

/**
 * Evaluates every rule on one snapshot, stores the new events (`raiseAlerts`: once per
 * event key) and sends them to each webhook and by e-mail, one message per channel. Each
 * channel's answer is recorded per alert (`alert_deliveries`): a channel that failed an
 * alert gets it again in the next runs' message (up to 5 attempts, for 72 hours), and a
 * channel that delivered it never again.
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
  const channels = alertChannels(db, rules, options);
  const policy: RetryPolicy = { maxAttempts: MAX_ATTEMPTS, raisedSince: new Date(options.now.getTime() - RETRY_HOURS * 3_600_000) };
  const undelivered = await undeliveredAlerts(db, channels.map((channel) => channel.id), policy);
  const retried = new Set<number>();
  const sent = await Promise.all(
    channels.map(async (channel) => {
      const again = undelivered.get(channel.id) ?? [];
      for (const alert of again) retried.add(alert.id);
      const alerts = [...again, ...raised];
      if (alerts.length === 0) return null;
      return { channel: channel.id, alertIds: alerts.map((alert) => alert.id), result: await channel.send(alerts) };
    }),
  );
  const done = sent.filter((delivery) => delivery !== null);
  await recordDeliveries(
    db,
    done.map((delivery): ChannelDelivery => ({ channel: delivery.channel, alertIds: delivery.alertIds, error: delivery.result.error })),
    options.now,
  );
  const results = done.map((delivery) => delivery.result);
  return {
    rules: perRule.map((rule) => ({ id: rule.id, events: rule.events.length })),
    raised,
    retried: retried.size,
    deliveries: results.filter((result): result is WebhookResult => 'url' in result),
    email: results.find((result): result is EmailResult => !('url' in result)) ?? null,
  };
}

/** A place alerts go to, with a stable id that names no secret (webhook URLs carry one). */
interface AlertChannel {
  readonly id: string;
  send(alerts: readonly AlertRow[]): Promise<WebhookResult | EmailResult>;
}

function alertChannels(db: Kysely<Database>, rules: AlertRules, options: AlertRunOptions): AlertChannel[] {
  const channels: AlertChannel[] = rules.webhooks.map((url) => ({
    id: `webhook:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`,
    send: (alerts) => postToWebhook(url, rules, alerts, options),
  }));
  const { email, dashboardUrl } = rules;
  // The rules file refuses `email` without `dashboardUrl`.
  if (email !== undefined && dashboardUrl !== undefined) {
    channels.push({ id: 'email', send: async (alerts) => sendAlertEmail(email, composeAlertEmail(alerts, dashboardUrl, await readThemeLabels(db)), options) });
  }
  return channels;
}

async function postToWebhook(url: string, rules: AlertRules, alerts: readonly AlertRow[], options: AlertRunOptions): Promise<WebhookResult> {
  const link = rules.dashboardUrl === undefined ? '' : `\n${new URL('/alerts', rules.dashboardUrl).toString()}`;
  const more = alerts.length > MAX_LINES ? `\n… and ${alerts.length - MAX_LINES} more` : '';
  const text = `verbatim: ${alerts.length} new alert${alerts.length === 1 ? '' : 's'}\n${alerts
    .slice(0, MAX_LINES)
    .map((alert) => `• ${alert.message}`)
    .join('\n')}${more}${link}`;
  return postWebhook(url, text, options);
}
