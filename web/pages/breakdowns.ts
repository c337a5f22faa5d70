import { html } from '../html.js';
import { renderTable } from '../table.js';
import { breakdownChart, breakdownTable, breakdownTableName, dimensionTitle, type BreakdownView } from './breakdown-tables.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { pageThemeLabels } from './theme-labels.js';
import { wholeReport } from './whole-report.js';

/**
 * Breakdowns: NPS and top themes by every segment field with few values, by source,
 * journey step and period (the report's `breakdowns`); every bar, group and theme opens its verbatims.
 */
export const breakdownsPage: PageHandler = async (context) => {
  const { params, filters, path } = context;
  const [report, labels] = await Promise.all([wholeReport(context), pageThemeLabels(context)]);
  const view: BreakdownView = { params, filters, granularity: report.trends.granularity, labels: Object.fromEntries(labels) };
  const shown = report.breakdowns.filter((breakdown) => breakdown.groups.length > 0);
  const tables = shown.map((breakdown) => breakdownTable(breakdown, view));
  const charts = Object.fromEntries(shown.map((breakdown) => [breakdownTableName(breakdown), breakdownChart(breakdown, view)]));
  const label = filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  const body = html`<p class="note">${label} of each group with its 95 % interval, and the themes most mentioned in it (verbatims, impact on the group's ${label}). Click a bar, a group or a theme to read its verbatims.${filters.respondent === 'employee' ? ' Groups of fewer answers than the anonymity floor show no score.' : ''}</p>
${shown.length === 0 ? html`<p class="empty">Nothing matches these filters.</p>` : ''}
${shown.map((breakdown, index) => {
  const name = breakdownTableName(breakdown);
  return html`<section class="breakdown" data-dimension="${breakdown.dimension}">
<h2>${dimensionTitle(breakdown)}</h2>
<figure class="chart"><figcaption>${label} ${dimensionTitle(breakdown).toLowerCase()}</figcaption><div class="canvas-box"><canvas data-chart="${name}" role="img" aria-label="${label} ${dimensionTitle(breakdown).toLowerCase()}"></canvas></div></figure>
${tables[index] === undefined ? '' : renderTable(tables[index], { csvHref: csvHref(path, params, name) })}
</section>`;
})}`;
  return { title: 'Breakdowns', body, tables, charts };
};
