import type { EmployeeSummary } from '../../analysis/report.js';
import type { ViewFilters } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { formatNumber, formatSigned, renderTable, type AnyTable } from '../table.js';
import { verbatimsHref } from './drill-links.js';
import { emergingTable, keyDriversTable, recentDates, suggestedTable } from './insight-tables.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { driversTable } from './report-tables.js';
import { pageThemeLabels, relabel } from './theme-labels.js';
import { wholeReport } from './whole-report.js';
import { themeLabel, type ThemeLabels } from '../../analysis/theme-labels.js';

/**
 * Drivers: the key-driver regression, the emerging and the suggested themes, and the
 * eNPS of the period and scope (withheld below the anonymity floor), each row opening its verbatims.
 */
export const driversPage: PageHandler = async (context) => {
  const { params, filters, path } = context;
  const [report, labels] = await Promise.all([wholeReport(context), pageThemeLabels(context)]);
  const labelOf = (theme: string) => themeLabel(labels, theme);
  const keyDrivers = report.key_drivers;
  const key = keyDriversTable(keyDrivers.themes, labelOf, (theme) => verbatimsHref(params, filters, { theme }));
  const recent = recentDates(report.emerging.windows);
  const emerging = emergingTable(report.emerging.themes, labelOf, (theme) => verbatimsHref(params, filters, { theme, ...(recent === undefined ? {} : { dates: recent }) }));
  const suggested = suggestedTable(report.suggested_themes.clusters, params);
  const enps = report.enps === null ? null : enpsDriversTable(report.enps, params, filters, labels);
  const tables: AnyTable[] = enps === null ? [key, emerging, suggested] : [key, emerging, suggested, enps];
  const windows = report.emerging.windows;
  const body = html`<h2>Key drivers</h2>
<p class="note">Johnson's relative weights of the theme indicators in a regression of NPS points (${formatNumber(keyDrivers.n)} scored verbatims with a comment; R² ${keyDrivers.r2 === null ? '–' : keyDrivers.r2.toFixed(3)}). Importance: the theme's share of what the themes explain.</p>
${renderTable(key, { csvHref: csvHref(path, params, key.name) })}
<h2>Emerging themes</h2>
<p class="note">${windows === null ? 'No dated verbatims in this view.' : `Recent window ${windows.recent.from.slice(0, 10)} to ${windows.recent.to.slice(0, 10)} (${formatNumber(report.emerging.recent_docs)} commented verbatims) against the baseline ${windows.baseline.from.slice(0, 10)} to ${windows.baseline.to.slice(0, 10)} (${formatNumber(report.emerging.baseline_docs)}); emerging = rising and significant (G², Bonferroni). A theme opens its verbatims of the recent window.`}</p>
${renderTable(emerging, { csvHref: csvHref(path, params, emerging.name) })}
<h2>Suggested themes</h2>
<p class="note">${formatNumber(report.suggested_themes.untagged)} commented verbatims carry no theme; these groups of them share a phrase (${report.suggested_themes.method}).</p>
${renderTable(suggested, { csvHref: csvHref(path, params, suggested.name) })}
${report.enps === null || enps === null ? '' : enpsSection(report.enps, renderTable(enps, { csvHref: csvHref(path, params, enps.name) }))}`;
  return { title: 'Drivers', body, tables };
};

/** eNPS drivers; a theme opens the employee answers of the period (the eNPS is on the period and scope only). */
function enpsDriversTable(enps: EmployeeSummary, params: URLSearchParams, filters: ViewFilters, labels: ThemeLabels) {
  const period = new URLSearchParams();
  for (const name of ['from', 'to']) {
    const value = params.get(name);
    if (value !== null) period.set(name, value);
  }
  period.set('respondent', 'employee');
  const table = driversTable(relabel(enps.drivers, labels), period, 'Employee drivers (eNPS)', (theme) => verbatimsHref(period, { ...filters, respondent: 'employee' }, { theme }));
  return { ...table, name: 'enps_drivers' };
}

function enpsSection(enps: EmployeeSummary, table: SafeHtml): SafeHtml {
  const { nps } = enps;
  return html`<h2>eNPS</h2>
<section class="cards" aria-label="eNPS"><div class="card" id="card-enps"><div class="label">eNPS</div><div class="value" data-value="${nps.score === null ? '' : String(nps.score)}">${nps.withheld ?? formatSigned(nps.score)}</div>
<div class="sub">${nps.withheld === undefined ? `${formatNumber(nps.n)} employee answers` : 'scores of groups this small are not shown'}</div></div></section>
${table}`;
}
