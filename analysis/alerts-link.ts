import type { AlertRow } from '../db/alerts.table.js';

/**
 * The dashboard's search page over the verbatims behind an alert: its theme, period,
 * segments and source (`to` is exclusive there as in the alert). A path: the inbox links
 * it as is, e-mails put it after the dashboard's address.
 *
 * @example alertVerbatimsPath(alert) // '/search?theme=fees_pricing&from=2026-06-08&to=2026-06-15'
 */
export function alertVerbatimsPath(alert: Pick<AlertRow, 'theme' | 'period_from' | 'period_to' | 'segments' | 'source'>): string {
  const params = new URLSearchParams();
  if (alert.theme !== null) params.set('theme', alert.theme);
  params.set('from', alert.period_from.toISOString().slice(0, 10));
  params.set('to', alert.period_to.toISOString().slice(0, 10));
  for (const [key, value] of Object.entries(alert.segments)) params.append('segment', `${key}:${value}`);
  if (alert.source !== null) params.set('source', alert.source);
  return `/search?${params.toString()}`;
}
