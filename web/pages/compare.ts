import type { PeriodComparison, PeriodNps } from '../../analysis/period-compare.js';
import { againstParam, scopedComparison } from '../compare-query.js';
import { single } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { formatNumber, formatSigned, renderTable } from '../table.js';
import { viewerScope } from '../viewer-report.js';
import { periodText } from './compare-period-text.js';
import { shiftsTable, waterfallTable } from './compare-tables.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { pageThemeLabels } from './theme-labels.js';

function periodCard(id: string, label: string, nps: PeriodNps): SafeHtml {
  return html`<div class="card" id="${id}"><div class="label">${label}: ${periodText(nps)}</div>
<div class="value" data-value="${nps.score === null ? '' : String(nps.score)}">${formatSigned(nps.score)}</div>
<div class="sub">n = ${formatNumber(nps.n)} · 95 % interval ${nps.ci95 === null ? '–' : `[${formatSigned(nps.ci95[0])}, ${formatSigned(nps.ci95[1])}]`}</div></div>`;
}

function changeCard(comparison: PeriodComparison): SafeHtml {
  const ci = comparison.change_ci95;
  const arrow = comparison.change_direction === 'up' ? '▲' : comparison.change_direction === 'down' ? '▼' : '';
  return html`<div class="card" id="card-change"><div class="label">Change</div>
<div class="value" data-value="${comparison.change === null ? '' : String(comparison.change)}">${formatSigned(comparison.change)} <span class="arrow ${comparison.change_direction ?? ''}">${arrow}</span></div>
<div class="sub">95 % interval ${ci === null ? '–' : `[${formatSigned(ci[0])}, ${formatSigned(ci[1])}]`} (delta method)</div></div>`;
}

/** The period chooser: `previous` or FROM..TO, the page's filters kept. */
function againstForm(path: string, params: URLSearchParams, against: string): SafeHtml {
  return html`<form method="get" action="${path}" class="filters compare" aria-label="Compare with">
${[...params].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label>Compare with<input type="text" name="against" value="${against}" placeholder="previous or 2026-01-01..2026-02-01" size="26"></label>
<div class="actions"><button type="submit">Compare</button></div>
</form>`;
}

/**
 * Compare periods: the filters' period (From..To; no To: up to the last verbatim, no
 * From: its last 30 days) against the period before it of the same length or the one
 * `against` names, the NPS change as a waterfall of theme contributions.
 */
export const comparePage: PageHandler = async ({ db, cache, now, engine, filters, params, path, identity, query, acceptLanguage }) => {
  const against = againstParam(query);
  const comparison = await scopedComparison(db, cache, viewerScope(filters, identity.scope), against, now, 5, engine);
  const labels = await pageThemeLabels({ db, cache, query, acceptLanguage });
  const chooser = againstForm(path, params, single(query, 'against') ?? 'previous');
  if (comparison === null) {
    return { title: 'Compare periods', body: html`${chooser}<p class="note">Periods are compared on customers’ NPS; the eNPS of a theme in one period would describe groups below the anonymity floor.</p>`, tables: [], keep: ['against'] };
  }
  const waterfall = waterfallTable(comparison, params, labels);
  const shifts = shiftsTable(comparison.themes, labels);
  const extra = { against: single(query, 'against') };
  const body = html`${chooser}
<section class="cards" aria-label="Periods">
${periodCard('card-previous', 'Reference period', comparison.previous)}
${periodCard('card-current', 'Current period', comparison.current)}
${changeCard(comparison)}
</section>
${comparison.change === null ? html`<p class="note">A period has no scored answer: there is no change to explain.</p>` : ''}
${renderTable(waterfall, { csvHref: csvHref(path, params, 'contributions', extra) })}
<p class="note">Shift-share: a theme’s volume effect is its change of share × how far its NPS is from the mean, its rate effect its NPS change at its mean share; an answer with k themes counts 1/k in each, so the contributions add up to the change (“other” also takes the rounding to 0.1). ▲/▼: the 95 % interval (delta method) excludes 0.</p>
${renderTable(shifts, { csvHref: csvHref(path, params, 'theme_shifts', extra) })}`;
  return { title: 'Compare periods', body, tables: [waterfall, shifts], keep: ['against'] };
};
