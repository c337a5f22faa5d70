import { buildReport } from '../../analysis/report.js';
import { href, single, toReportFilters } from '../filters.js';
import { html } from '../html.js';
import { npsTrend } from '../queries/nps-trend.js';
import { themeDetail, type ThemeDetail } from '../queries/theme-detail.js';
import { pageVerbatims } from '../queries/verbatims-page.js';
import { formatNumber, formatSigned, renderTable, type AnyTable, type DataTable } from '../table.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { impactClass, trendChart, trendTable } from './report-tables.js';
import { verbatimList, verbatimsTable } from './verbatim-list.js';

const VERBATIMS_PER_PAGE = 20;

/** One theme: its numbers, a root-cause summary, its trend, and its verbatims with the evidence marked. */
export const themePage: PageHandler = async ({ db, now, filters, params, path, routeParams, query }) => {
  const theme = routeParams['theme'] ?? '';
  const reportFilters = toReportFilters(filters);
  const cursor = single(query, 'cursor');
  const [report, detail, trend, page] = await Promise.all([
    buildReport(db, reportFilters, now, { minCount: 1 }),
    themeDetail(db, filters, theme),
    npsTrend(db, reportFilters, { theme }),
    pageVerbatims(db, { ...filters, theme }, { limit: VERBATIMS_PER_PAGE, cursor }),
  ]);
  const driver = report.drivers.find((row) => row.theme === theme);
  const tables = rootCauseTables(detail, params);
  const trendRows = trendTable(trend, `${theme}: NPS of its verbatims over time`);
  const verbatims = verbatimsTable(page.verbatims);
  const more = page.nextCursor === null ? '' : html`<p><a class="more" href="${href(path, params, { cursor: page.nextCursor })}">Older verbatims →</a></p>`;
  const s = detail.sentiment;
  const body = html`<p class="crumbs"><a href="${href('/themes', params)}">← All themes</a></p>
<h2 class="theme-id" data-theme="${theme}">${theme}</h2>
<section class="cards" aria-label="Theme summary">
<div class="card" id="card-count"><div class="label">Verbatims</div><div class="value" data-value="${detail.count}">${formatNumber(detail.count)}</div>
<div class="sub">${driver === undefined ? '' : `${(driver.share * 100).toFixed(1)} % of commented verbatims`}</div></div>
<div class="card" id="card-impact"><div class="label">Impact on NPS</div><div class="value ${impactClass(driver?.impact ?? null)}" data-value="${driver?.impact == null ? '' : String(driver.impact)}">${formatSigned(driver?.impact ?? null)}</div>
<div class="sub">95 % interval ${driver?.ci95 == null ? '–' : `[${formatSigned(driver.ci95[0])}, ${formatSigned(driver.ci95[1])}]`}${driver?.significant === true ? ' · significant' : ''}</div></div>
<div class="card" id="card-nps-with"><div class="label">NPS with / without</div><div class="value" data-value="${driver?.nps_with == null ? '' : String(driver.nps_with)}">${formatSigned(driver?.nps_with ?? null)}</div>
<div class="sub">without: <span data-key="nps_without" data-value="${driver?.nps_without == null ? '' : String(driver.nps_without)}">${formatSigned(driver?.nps_without ?? null)}</span></div></div>
<div class="card" id="card-sentiment"><div class="label">Sentiment of its mentions</div><div class="value" data-value="${driver?.sentiment_score == null ? '' : String(driver.sentiment_score)}">${formatSigned(driver?.sentiment_score ?? null)}</div>
<div class="sub">${s.positive} positive · ${s.neutral} neutral · ${s.mixed} mixed · ${s.negative} negative</div></div>
</section>
<section class="root-cause" aria-label="Root cause">
<h2>Root cause</h2>
<p class="summary">${summarize(detail)}</p>
<div class="grid">${tables.map((table) => renderTable(table, { csvHref: csvHref(path, params, table.name) }))}</div>
</section>
<section class="charts one">
<figure class="chart"><figcaption>${theme}: NPS of its verbatims and volume over time</figcaption><div class="canvas-box"><canvas data-chart="trend" role="img" aria-label="NPS and volume of the theme by month"></canvas></div></figure>
</section>
${renderTable(trendRows, { csvHref: csvHref(path, params, 'trend') })}
<section aria-label="Verbatims"><h2>Verbatims <a class="csv" href="${csvHref(path, params, 'verbatims', { cursor })}" download>CSV</a></h2>
${verbatimList(page.verbatims, params, theme)}
${more}</section>`;
  return { title: `Theme ${theme}`, body, tables: [...tables, trendRows, verbatims], charts: { trend: trendChart(trend) }, keep: [] };
};

/** One sentence an analyst can paste: where the theme sits, what comes with it, who says it. */
function summarize(detail: ThemeDetail): string {
  if (detail.count === 0) return 'No verbatim carries this theme under these filters.';
  const parts: string[] = [`${detail.count} verbatims (NPS ${formatSigned(detail.nps.score)})`];
  const step = detail.journey[0];
  if (step !== undefined) parts.push(`mostly at ${step.step} (${Math.round(step.share * 100)} %)`);
  const co = detail.co_occurring[0];
  if (co !== undefined) parts.push(`often with ${co.theme} (${Math.round(co.share * 100)} %)`);
  const segment = detail.segments[0];
  if (segment !== undefined) parts.push(`over-represented in ${segment.key} ${segment.value} (×${segment.lift})`);
  const phrase = detail.phrases[0];
  if (phrase !== undefined) parts.push(`most said: “${phrase.phrase}”`);
  return `${parts.join('; ')}.`;
}

function rootCauseTables(detail: ThemeDetail, params: URLSearchParams): AnyTable[] {
  const coOccurring: DataTable<ThemeDetail['co_occurring'][number]> = {
    name: 'co_occurring',
    caption: 'Said together with',
    rows: detail.co_occurring,
    columns: [
      { key: 'theme', label: 'Theme', value: (r) => r.theme, cell: (r) => html`<a href="${href(`/themes/${encodeURIComponent(r.theme)}`, params)}">${r.theme}</a>` },
      { key: 'count', label: 'Verbatims', numeric: true, value: (r) => r.count },
      { key: 'share', label: 'Share', numeric: true, value: (r) => r.share, cell: (r) => `${(r.share * 100).toFixed(0)} %` },
    ],
  };
  const journey: DataTable<ThemeDetail['journey'][number]> = {
    name: 'journey_steps',
    caption: 'Where in the journey',
    rows: detail.journey,
    columns: [
      { key: 'step', label: 'Step', value: (r) => r.step },
      { key: 'count', label: 'Verbatims', numeric: true, value: (r) => r.count },
      { key: 'impact', label: 'Impact on the step', numeric: true, value: (r) => r.impact, cell: (r) => formatSigned(r.impact) },
    ],
  };
  const segments: DataTable<ThemeDetail['segments'][number]> = {
    name: 'segments',
    caption: 'Over-represented segments',
    rows: detail.segments,
    columns: [
      { key: 'segment', label: 'Segment', value: (r) => `${r.key}: ${r.value}` },
      { key: 'count', label: 'Verbatims', numeric: true, value: (r) => r.count },
      { key: 'lift', label: 'Lift', numeric: true, value: (r) => r.lift, cell: (r) => `×${r.lift.toFixed(2)}` },
    ],
  };
  const phrases: DataTable<ThemeDetail['phrases'][number]> = {
    name: 'phrases',
    caption: 'Most said',
    rows: detail.phrases,
    columns: [
      { key: 'phrase', label: 'Phrase', value: (r) => r.phrase },
      { key: 'count', label: 'Times', numeric: true, value: (r) => r.count },
    ],
  };
  return [coOccurring, journey, segments, phrases];
}
