import type { AlertRow } from '../db/alerts.table.js';
import { alertVerbatimsPath } from './alerts-link.js';
import { ALERT_METRICS, type AlertMetric } from './alerts-rules.js';
import { formatMetric } from './alerts-subject.js';
import { themeLabel, type ThemeLabels } from './theme-labels.js';

/** An alert e-mail: plain text for every client, simple HTML for the others. */
export interface AlertEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Alerts a message details before "and N more" (the inbox has them all). */
const MAX_ALERTS = 50;

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

const isMetric = (metric: string): metric is AlertMetric => (ALERT_METRICS as readonly string[]).includes(metric);
const figure = (metric: string, value: number): string => (isMetric(metric) ? formatMetric(metric, value) : String(value));

/** Name and value of each number an alert carries, in the order people read them. */
function numbers(alert: AlertRow, labels: ThemeLabels): [string, string][] {
  const rows: [string, string][] = [];
  if (alert.theme !== null) rows.push(['Theme', `${themeLabel(labels, alert.theme)} (${alert.theme})`]);
  for (const [key, value] of Object.entries(alert.segments)) rows.push([key, value]);
  if (alert.source !== null) rows.push(['Source', alert.source]);
  rows.push(['Period', `${alert.period} (${alert.period_from.toISOString().slice(0, 10)} to ${alert.period_to.toISOString().slice(0, 10)}, end excluded)`]);
  if (alert.value !== null) rows.push([alert.metric, figure(alert.metric, alert.value)]);
  if (alert.baseline !== null) rows.push(['Baseline', figure(alert.metric, alert.baseline)]);
  if (alert.z !== null) rows.push(['z', alert.z.toFixed(1)]);
  rows.push(['Verbatims (n)', String(alert.n)]);
  return rows;
}

/**
 * One message for the alerts a run raised: each with its message, its numbers and the
 * link to the verbatims behind it on the dashboard at `dashboardUrl`.
 *
 * @example composeAlertEmail(raised, 'https://verbatim.example.com', labels).subject // 'verbatim: 2 new alerts'
 */
export function composeAlertEmail(alerts: readonly AlertRow[], dashboardUrl: string, labels: ThemeLabels): AlertEmail {
  const shown = alerts.slice(0, MAX_ALERTS);
  const link = (alert: AlertRow): string => new URL(alertVerbatimsPath(alert), dashboardUrl).toString();
  const inbox = new URL('/alerts', dashboardUrl).toString();
  const more = alerts.length - shown.length;
  const first = alerts[0];
  const subject = alerts.length === 1 && first !== undefined ? `verbatim alert: ${first.message}` : `verbatim: ${alerts.length} new alerts`;

  const text = [
    `${alerts.length} new alert${alerts.length === 1 ? '' : 's'}`,
    ...shown.map((alert) => [`#${alert.id} ${alert.message}`, ...numbers(alert, labels).map(([name, value]) => `  ${name}: ${value}`), `  Verbatims: ${link(alert)}`].join('\n')),
    ...(more > 0 ? [`… and ${more} more`] : []),
    `All alerts: ${inbox}`,
  ].join('\n\n');

  const section = (alert: AlertRow): string =>
    `<h2 style="font-size:16px">#${alert.id} ${escapeHtml(alert.message)}</h2>\n<table>${numbers(alert, labels)
      .map(([name, value]) => `<tr><th align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
      .join('')}</table>\n<p><a href="${escapeHtml(link(alert))}">Verbatims behind this alert</a></p>`;
  const html = [
    `<!doctype html><html><body style="font-family:sans-serif">`,
    `<h1 style="font-size:18px">${alerts.length} new alert${alerts.length === 1 ? '' : 's'}</h1>`,
    ...shown.map(section),
    ...(more > 0 ? [`<p>… and ${more} more</p>`] : []),
    `<p><a href="${escapeHtml(inbox)}">All alerts</a></p>`,
    `</body></html>`,
  ].join('\n');
  return { subject, text, html };
}
