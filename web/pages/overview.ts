import { html } from '../html.js';
import { viewerReport, viewerScope } from '../viewer-report.js';
import { formatNumber, formatSigned, renderTable } from '../table.js';
import type { PageHandler } from './page.js';
import { hiddenThemesNote } from '../../reports/theme-notes.js';
import { driversChart, driversTable, hiddenNote, trendChart, trendTable } from './report-tables.js';
import { csvHref } from './links.js';
import { ratingCard, ratingDriversTable } from './rating-tables.js';
import { pageThemeLabels, relabel } from './theme-labels.js';
import { verbatimsHref } from './drill-links.js';
import { ratingBreakdowns } from '../../analysis/rating-breakdowns.js';
import { ratingBreakdownTable } from './rating-breakdown-tables.js';

/**
 * Overview: NPS with its interval, NPS over time with volume, the top drivers as impact bars
 * with intervals; the star rating and its drivers when the scope has ratings, in place of the
 * NPS card and drivers when it has ratings and no NPS answer (reviews only), and the
 * rating over time and by source and segment.
 */
export const overviewPage: PageHandler = async (context) => {
  const { db, minGroup, engine, cache, now, filters, params, path, identity } = context;
  const [{ summary: report, trend }, labels] = await Promise.all([
    cache.get(`overview:${JSON.stringify([filters, identity.scope])}`, () => viewerReport(db, viewerScope(filters, identity.scope), ['summary', 'trend'], now, { ...engine, minGroup })),
    pageThemeLabels(context),
  ]);
  const driverRows = relabel(report.drivers, labels);
  const { nps } = report;
  // Every bar and driver row opens the verbatims it counts (URLs built here, never in the browser).
  const themeVerbatims = (theme: string) => verbatimsHref(params, filters, { theme });
  const drivers = driversTable(driverRows, params, undefined, themeVerbatims);
  const trendRows = trendTable(trend);
  // Reviews with stars: the rating headline and drivers, beside NPS or in its place.
  const ratingDrivers = report.rating === null ? null : ratingDriversTable(report.rating_drivers, params, labels);
  // The rating over time and by source and segment; none when withheld (its groups would give it back).
  const ratingViews =
    report.rating === null || report.rating.withheld !== undefined
      ? null
      : await cache.get(`overview-ratings:${JSON.stringify([filters, identity.scope])}`, () => ratingBreakdowns(db, viewerScope(filters, identity.scope), { minGroup }));
  const ratingTables = ratingViews === null ? [] : [ratingViews.trend, ...ratingViews.groups].filter((breakdown) => breakdown.groups.length > 0).map(ratingBreakdownTable);
  const label = filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  // Reviews with stars and no NPS answer: the rating takes the NPS card's place, and the NPS drivers (all empty) are left out.
  const ratingOnly = nps.n === 0 && nps.withheld === undefined && report.rating !== null;
  const npsCards = html`<div class="card" id="card-nps"><div class="label">${label}</div><div class="value" data-value="${nps.score === null ? '' : String(nps.score)}">${nps.withheld ?? formatSigned(nps.score)}</div>
<div class="sub">95 % interval <span data-key="ci95" data-value="${nps.ci95 === null ? '' : nps.ci95.join(',')}">${nps.ci95 === null ? '–' : `[${formatSigned(nps.ci95[0])}, ${formatSigned(nps.ci95[1])}]`}</span></div></div>
<div class="card" id="card-n"><div class="label">Scored answers</div><div class="value" data-value="${nps.n}">${formatNumber(nps.n)}</div>
<div class="sub">${nps.withheld === undefined ? `${formatNumber(nps.promoters)} promoters · ${formatNumber(nps.passives)} passives · ${formatNumber(nps.detractors)} detractors` : 'scores of groups this small are not shown'}</div></div>`;
  const verbatimsCard = html`<div class="card" id="card-verbatims"><div class="label">Verbatims</div><div class="value" data-value="${report.verbatims}">${formatNumber(report.verbatims)}</div>
<div class="sub">${formatNumber(report.commented)} with a comment · ${formatNumber(report.enriched)} enriched</div></div>`;
  const driversFigure = html`<figure class="chart"><figcaption>Top drivers: impact on ${label} with 95 % interval</figcaption><div class="canvas-box"><canvas data-chart="drivers" role="img" aria-label="Driver impact by theme"></canvas></div></figure>`;
  const body = html`<section class="cards" aria-label="Summary">
${ratingOnly ? html`${ratingCard(report.rating)}${verbatimsCard}` : html`${npsCards}${verbatimsCard}${ratingCard(report.rating)}`}
</section>
<section class="charts">
<figure class="chart"><figcaption>${label} over time, with volume</figcaption><div class="canvas-box"><canvas data-chart="trend" role="img" aria-label="${label} by month and number of verbatims"></canvas></div></figure>
${ratingOnly ? '' : driversFigure}
</section>
${ratingOnly ? '' : html`${renderTable(drivers, { csvHref: csvHref(path, params, 'drivers') })}
${hiddenNote(hiddenThemesNote(report.hidden_themes.min_count, report.hidden_themes.drivers))}`}
${ratingDrivers === null ? '' : renderTable(ratingDrivers, { csvHref: csvHref(path, params, 'rating_drivers') })}
${ratingTables.map((table) => renderTable(table, { csvHref: csvHref(path, params, table.name) }))}
${renderTable(trendRows, { csvHref: csvHref(path, params, 'trend') })}`;
  return {
    title: 'Overview',
    body,
    tables: [drivers, trendRows, ...(ratingDrivers === null ? [] : [ratingDrivers]), ...ratingTables],
    charts: {
      trend: trendChart(trend, (point) => verbatimsHref(params, filters, { period: { label: point.period, granularity: 'month' } })),
      drivers: driversChart(driverRows, undefined, themeVerbatims),
    },
  };
};
