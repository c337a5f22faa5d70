import { DEFAULT_MIN_COUNT, type JourneyRow, type JourneyTheme } from '../../analysis/report.js';
import { hiddenCellsNote, SMALL_CELL } from '../../reports/theme-notes.js';
import { href } from '../filters.js';
import { html } from '../html.js';
import { viewerReport, viewerScope } from '../viewer-report.js';
import { formatSigned, renderTable, type DataTable } from '../table.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { hiddenNote, stepsTable } from './report-tables.js';
import { verbatimsHref } from './drill-links.js';
import { pageThemeLabels, relabel } from './theme-labels.js';
import type { ViewFilters } from '../filters.js';

const MAX_THEMES = 12;

/** One cell of the heatmap (CSV: one row a step × theme). */
interface HeatCell {
  readonly step: string;
  readonly step_n: number;
  readonly step_nps: number | null;
  readonly theme: string;
  readonly label: string;
  readonly count: number;
  readonly impact: number | null;
  readonly significant: boolean;
}

/** Colour bucket of an impact on a step's NPS: −3 (hurts most) … +3 (helps most). */
export function heatLevel(impact: number | null): number {
  if (impact === null) return 0;
  const magnitude = Math.abs(impact) >= 10 ? 3 : Math.abs(impact) >= 4 ? 2 : Math.abs(impact) >= 1 ? 1 : 0;
  return impact < 0 ? -magnitude : magnitude;
}

/** Journey heatmap: steps × themes, each cell the theme's impact on the step's NPS (and its volume). */
export const journeyPage: PageHandler = async (context) => {
  const { db, minGroup, engine, cache, now, filters, params, path, identity } = context;
  const [report, themeLabels] = await Promise.all([
    cache.get(`journey:${JSON.stringify([filters, identity.scope])}`, () => viewerReport(db, viewerScope(filters, identity.scope), ['journey'], now, { ...engine, minGroup })),
    pageThemeLabels(context),
  ]);
  // The cached report is shared by every interface language: its theme labels are the page's.
  const journey = report.journey.map((step) => ({ ...step, themes: relabel(step.themes, themeLabels) }));
  const totals = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const step of journey) {
    for (const theme of step.themes) {
      totals.set(theme.theme, (totals.get(theme.theme) ?? 0) + theme.count);
      labels.set(theme.theme, theme.label);
    }
  }
  const themes = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_THEMES).map(([theme]) => theme);
  const cells: HeatCell[] = journey.flatMap((step) =>
    step.themes.map((theme) => ({ step: step.step, step_n: step.n, step_nps: step.nps, theme: theme.theme, label: theme.label, count: theme.count, impact: theme.impact, significant: theme.significant })),
  );
  const cellsTable: DataTable<HeatCell> = {
    name: 'heatmap',
    caption: 'Step × theme',
    rows: cells,
    columns: [
      { key: 'step', label: 'Step', value: (c) => c.step },
      { key: 'step_n', label: 'Step verbatims', numeric: true, value: (c) => c.step_n },
      { key: 'step_nps', label: 'Step NPS', numeric: true, value: (c) => c.step_nps },
      { key: 'theme', label: 'Theme', value: (c) => c.theme, cell: (c) => c.label },
      { key: 'count', label: 'Verbatims', numeric: true, value: (c) => c.count },
      { key: 'impact', label: 'Impact', numeric: true, value: (c) => c.impact },
      { key: 'significant', label: 'Significant', value: (c) => c.significant, cell: (c) => (c.significant ? 'yes' : 'no') },
    ],
  };
  const steps = stepsTable(journey);
  const body = html`<p class="note">Each cell: the theme's impact on the step's NPS (NPS of the step − NPS of the step without the theme's verbatims), with the number of verbatims. Red hurts, green helps; * = significant (its 95 % interval excludes 0); grey, “n &lt; ${SMALL_CELL}” = fewer than ${SMALL_CELL} verbatims, too few to read the colour.</p>
<div class="table-wrap"><table class="heatmap" id="table-heatmap-grid">
<caption>Journey heatmap <a class="csv" href="${csvHref(path, params, 'heatmap')}" download>CSV</a></caption>
<thead><tr><th scope="col">Step</th><th scope="col" class="num">NPS</th>${themes.map((theme) => html`<th scope="col" class="rot"><a href="${href(`/themes/${encodeURIComponent(theme)}`, params)}" data-theme="${theme}">${labels.get(theme) ?? theme}</a></th>`)}</tr></thead>
<tbody>${journey.map((step) => heatRow(step, themes, params, filters))}</tbody>
</table></div>
<p class="legend" aria-hidden="true"><span class="heat heat-n3">−10</span><span class="heat heat-n2">−4</span><span class="heat heat-n1">−1</span><span class="heat heat-0">0</span><span class="heat heat-p1">+1</span><span class="heat heat-p2">+4</span><span class="heat heat-p3">+10</span><span class="heat heat-small">n &lt; ${SMALL_CELL}</span></p>
${hiddenNote(hiddenCellsNote(DEFAULT_MIN_COUNT, journey))}
${renderTable(steps, { csvHref: csvHref(path, params, 'steps') })}`;
  return { title: 'Journey heatmap', body, tables: [cellsTable, steps] };
};

function heatRow(step: JourneyRow, themes: readonly string[], params: URLSearchParams, filters: ViewFilters) {
  const byTheme = new Map(step.themes.map((theme) => [theme.theme, theme]));
  return html`<tr data-step="${step.step}"><th scope="row"><a href="${verbatimsHref(params, filters, { journey: step.step })}" data-count="${step.n}">${step.step}</a> <small>${step.n}</small></th>
<td class="num" data-value="${step.nps === null ? '' : String(step.nps)}">${formatSigned(step.nps)}</td>
${themes.map((theme) => {
  const cell = byTheme.get(theme);
  return cell === undefined ? html`<td class="heat heat-none"></td>` : heatCell(step, cell, verbatimsHref(params, filters, { journey: step.step, theme }));
})}</tr>`;
}

/**
 * One cell: coloured by its impact, `*` when the interval excludes 0; a cell of fewer
 * than SMALL_CELL verbatims is grey and says "n < 30" (a 7-verbatim impact is no darkest red).
 */
function heatCell(step: JourneyRow, cell: JourneyTheme, target: string) {
  const small = cell.count < SMALL_CELL;
  const level = heatLevel(cell.impact);
  const colour = small ? 'small' : level < 0 ? `n${-level}` : level > 0 ? `p${level}` : '0';
  const interval = cell.ci95 === null ? '' : `, 95 % interval [${formatSigned(cell.ci95[0])}, ${formatSigned(cell.ci95[1])}]`;
  const title = `${cell.label} at ${step.step}: ${cell.count} verbatims${interval}${cell.significant ? ', significant' : ''}${small ? `, n < ${SMALL_CELL}` : ''}`;
  return html`<td class="heat heat-${colour}" data-theme="${cell.theme}" data-value="${cell.impact === null ? '' : String(cell.impact)}" data-significant="${String(cell.significant)}" data-small="${String(small)}" title="${title}"><a class="cell-link" href="${target}" data-count="${cell.count}">${formatSigned(cell.impact)}${cell.significant ? html`<span class="sig" aria-label="significant">*</span>` : ''}<small>${small ? `${cell.count} · n < ${SMALL_CELL}` : String(cell.count)}</small></a></td>`;
}
