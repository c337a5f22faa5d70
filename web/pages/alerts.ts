import { alertVerbatimsPath } from '../../analysis/alerts-link.js';
import { listAlerts, type AlertRow } from '../../db/alerts.table.js';
import { canActOnFollowups } from '../auth.js';
import { href, single } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { formatNumber } from '../table.js';
import type { PageHandler } from './page.js';

/** The search page over the verbatims behind an alert (kept under this name for the routes). */
export const alertVerbatimsHref: (alert: AlertRow) => string = alertVerbatimsPath;

const when = (date: Date): string => date.toISOString().slice(0, 16).replace('T', ' ');

function state(alert: AlertRow, csrf: string, act: boolean): SafeHtml {
  if (alert.acknowledged_at !== null) {
    return html`<span class="status closed">acknowledged</span> by ${alert.acknowledged_by ?? '?'}, ${when(alert.acknowledged_at)}`;
  }
  if (!act) return html`<span class="status open">new</span>`;
  return html`<form method="post" action="/alerts/${String(alert.id)}/acknowledge" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Acknowledge</button></form>`;
}

/**
 * The alerts inbox: what the rules raised (`verbatim alerts run`, after each import and
 * enrich), newest first, each with a link to its verbatims; analysts and admins
 * acknowledge them. A scoped token sees only alerts inside its scope.
 */
export const alertsPage: PageHandler = async ({ db, identity, csrf, path, query }) => {
  const showAll = single(query, 'show') === 'all';
  const alerts = await listAlerts(db, { scope: identity.scope, unacknowledgedOnly: !showAll });
  const act = canActOnFollowups(identity);
  const none = new URLSearchParams();
  const tabs = html`<p class="tabs"><a href="${path}"${showAll ? '' : html` aria-current="true"`}>to acknowledge</a> <a href="${href(path, none, { show: 'all' })}"${showAll ? html` aria-current="true"` : ''}>all</a></p>`;
  const rows = alerts.map(
    (alert) => html`<tr class="alert" data-alert-id="${String(alert.id)}" data-rule="${alert.rule_id}">
<td>${when(alert.raised_at)}</td>
<td><span class="status ${alert.kind === 'drop' ? 'overdue' : 'open'}">${alert.kind}</span></td>
<td>${alert.rule_id}</td>
<td>${alert.period}</td>
<td class="message">${alert.message}</td>
<td class="num" data-key="n" data-value="${String(alert.n)}">${formatNumber(alert.n)}</td>
<td><a class="verbatims" href="${alertVerbatimsHref(alert)}">Verbatims →</a></td>
<td class="state">${state(alert, csrf, act)}</td>
</tr>`,
  );
  const table =
    alerts.length === 0
      ? html`<p class="summary empty">No alert ${showAll ? 'yet' : 'to acknowledge'}. Rules live in <code>alerts.yaml</code>; <code>verbatim alerts run</code> evaluates them.</p>`
      : html`<table class="alerts"><caption>Alerts, newest first</caption>
<thead><tr><th>Raised</th><th>Kind</th><th>Rule</th><th>Period</th><th>What moved</th><th class="num">n</th><th>Verbatims</th><th>State</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return { title: 'Alerts', body: html`${tabs}${table}`, tables: [], keep: ['show'] };
};
