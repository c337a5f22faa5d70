import type { RootCause } from '../../analysis/root-cause.js';
import { themeLabel } from '../../analysis/theme-labels.js';
import { href, single } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { everyVerbatim, pageVerbatims } from '../queries/verbatims-page.js';
import { formatNumber, formatSigned, renderTable } from '../table.js';
import { highlightSpan } from './highlight.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { impactClass } from './report-tables.js';
import { rootCauseTables, themeTrendChart, themeTrendTable } from './root-cause-tables.js';
import { pageThemeLabels } from './theme-labels.js';
import { verbatimList, verbatimsTable } from './verbatim-list.js';
import { viewerReport, viewerScope } from '../viewer-report.js';

const VERBATIMS_PER_PAGE = 20;

/** One theme: its numbers, the root-cause summary, its trend, representative verbatims, then all its verbatims with the evidence marked. */
export const themePage: PageHandler = async (context) => {
  const { db, minGroup, engine, cache, now, filters, params, path, routeParams, query, identity } = context;
  const theme = routeParams['theme'] ?? '';
  const cursor = single(query, 'cursor');
  const [rootCause, page, labels] = await Promise.all([cache.get(`root-cause:${JSON.stringify([filters, identity.scope, theme])}`, async () => (await viewerReport(db, viewerScope(filters, identity.scope, theme), ['root_cause'], now, { ...engine, minGroup })).root_cause), pageVerbatims(db, { ...filters, theme }, { limit: VERBATIMS_PER_PAGE, cursor, minGroup }), pageThemeLabels(context)]);
  // The cached root cause is shared by every interface language: the theme is named in the page's (the prose stays English).
  const label = themeLabel(labels, theme);
  const named = (text: string) => (label === rootCause.label ? text : text.replaceAll(`${rootCause.label} (${theme})`, `${label} (${theme})`));
  const rc = { ...rootCause, label, summary: rootCause.summary.map((sentence) => ({ ...sentence, text: named(sentence.text) })) };
  const driver = rc.driver;
  const tables = rootCauseTables(rc, params, labels);
  const trend = themeTrendTable(rc);
  const verbatims = verbatimsTable(page.verbatims, { all: () => everyVerbatim(db, { ...filters, theme }, { minGroup }) });
  const more = page.nextCursor === null ? '' : html`<p><a class="more" href="${href(path, params, { cursor: page.nextCursor })}">Older verbatims →</a></p>`;
  const body = html`<p class="crumbs"><a href="${href('/themes', params)}">← All themes</a></p>
<h2 class="theme-id" data-theme="${theme}">${rc.label}${rc.label === theme ? '' : html` <small>${theme}</small>`}</h2>
<section class="cards" aria-label="Theme summary">
<div class="card" id="card-count"><div class="label">Verbatims</div><div class="value" data-value="${driver?.count ?? 0}">${formatNumber(driver?.count ?? 0)}</div>
<div class="sub">${driver === null ? '' : `${(driver.share * 100).toFixed(1)} % of ${formatNumber(rc.commented)} commented verbatims`}</div></div>
<div class="card" id="card-impact"><div class="label">Impact on NPS</div><div class="value ${impactClass(driver?.impact ?? null)}" data-value="${nullable(driver?.impact)}">${formatSigned(driver?.impact ?? null)}</div>
<div class="sub">95 % interval ${driver?.ci95 == null ? '–' : `[${formatSigned(driver.ci95[0])}, ${formatSigned(driver.ci95[1])}]`}${driver?.significant === true ? ' · significant' : ''}</div></div>
<div class="card" id="card-nps-with"><div class="label">NPS with the theme</div><div class="value" data-value="${nullable(driver?.nps_with)}">${formatSigned(driver?.nps_with ?? null)}</div>
<div class="sub">without: <span data-key="nps_without" data-value="${nullable(driver?.nps_without)}">${formatSigned(driver?.nps_without ?? null)}</span></div></div>
<div class="card" id="card-sentiment"><div class="label">Sentiment of its mentions</div><div class="value" data-value="${nullable(driver?.sentiment_score)}">${formatSigned(driver?.sentiment_score ?? null)}</div>
<div class="sub">${driver === null ? '' : `${driver.positive} positive · ${driver.negative} negative`}</div></div>
</section>
<section class="root-cause" aria-label="Root cause">
<h2>Root cause</h2>
<ul class="summary">${rc.summary.map((sentence) => html`<li data-source="${sentence.source}">${sentence.text}</li>`)}</ul>
<div class="grid">${tables.map((table) => renderTable(table, { csvHref: csvHref(path, params, table.name) }))}</div>
</section>
<section class="charts one">
<figure class="chart"><figcaption>${rc.label}: volume and impact on NPS by ${rc.trend.granularity}</figcaption><div class="canvas-box"><canvas data-chart="trend" role="img" aria-label="Volume and impact of the theme over time"></canvas></div></figure>
</section>
${renderTable(trend, { csvHref: csvHref(path, params, 'trend') })}
${rc.verbatims.length === 0 ? '' : html`<section aria-label="Representative verbatims"><h2>Representative verbatims</h2>${representative(rc)}</section>`}
<section aria-label="Verbatims"><h2>All its verbatims, newest first <a class="csv" href="${csvHref(path, params, 'verbatims')}" download>CSV (all)</a></h2>
${verbatimList(page.verbatims, params, theme, labels)}
${more}</section>`;
  return { title: `Theme ${rc.label}`, body, tables: [...tables, trend, verbatims], charts: { trend: themeTrendChart(rc) } };
};

function nullable(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function representative(rc: RootCause): SafeHtml {
  return html`<ol class="verbatims representative">${rc.verbatims.map(
    (v) => html`<li class="verbatim" data-id="${v.id}"><div class="meta"><time datetime="${v.created_at ?? ''}">${v.created_at?.slice(0, 10) ?? 'undated'}</time>
${v.nps === null ? '' : html`<span class="nps">NPS ${v.nps}</span>`}<span>${v.source}</span>${v.journey === null ? '' : html`<span>${v.journey}</span>`}<span class="chip ${v.sentiment}">${v.sentiment} ${formatSigned(v.score)}</span></div>
<p class="text">${highlightSpan(v.text, v.evidence_span, rc.theme)}</p></li>`,
  )}</ol>`;
}
