import type { Report } from '../analysis/report.js';
import type { ChartAssets } from './chart-assets.js';
import { interval, percent, signed, npsCounts, npsText } from './format.js';
import { htmlChartData } from './html-chart-data.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage, htmlTable, para } from './html-page.js';
import { momentLabel } from './moment-labels.js';
import { compareHtml, compareHtmlNav } from './render-compare-html.js';
import type { ComparedReport } from './render-compare.js';
import { ratingHtml } from './render-rating.js';
import { hiddenCellsNote, hiddenThemesNote, journeyCellText, reportThemeLabel } from './theme-notes.js';

const NUMBERS_FROM_1 = new Set([1, 2, 3, 4, 5, 6, 7]);

/**
 * The self-contained HTML report: the tables of the Markdown report (the period comparison
 * included, with `--compare`) plus four charts
 * (impact bars with their intervals, NPS over time, journey heatmap, moment matrix).
 * Every text from the data is escaped; the page loads nothing from the network.
 *
 * @example await writeFile('report.html', renderHtml(report, await loadChartAssets()))
 */
export function renderHtml(report: ComparedReport, assets: ChartAssets): string {
  const who = report.filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  const { nps } = report;
  const rating = ratingHtml(report);
  const sections = [
    `<h1>${escapeHtml(`${who} report`)}</h1>`,
    `<p class="muted">${escapeHtml(`Generated ${report.generated_at}. ${report.verbatims} verbatims, ${report.commented} with a comment, ${report.enriched} enriched.`)}</p>`,
    `<nav><a href="#drivers">Drivers</a>${report.rating === null ? '' : '<a href="#rating-drivers">Rating drivers</a>'}<a href="#key-drivers">Key drivers</a><a href="#trend">Over time</a><a href="#journey">Journey</a><a href="#breakdowns">Segments</a><a href="#emerging">Emerging</a><a href="#moments">Moments</a><a href="#followups">Follow-ups</a>${compareHtmlNav(report)}</nav>`,
    `<p class="headline"><strong>${escapeHtml(`${who} ${npsText(nps)}`)}</strong> ${escapeHtml(`95 % CI ${interval(nps.ci95)}, ${npsCounts(nps)}`)}</p>`,
    ...rating.headline,
    '<h2 id="drivers">Drivers</h2>',
    para(`Impact = ${who}(all) − ${who}(all without the theme's verbatims); bars show the 95 % interval; * = significant.`),
    '<div class="chart tall"><canvas id="impact-chart" role="img" aria-label="Impact of each theme with its 95 % interval"></canvas></div>',
    htmlTable(
      ['theme', 'count', 'share', 'sentiment', `${who} with`, `${who} without`, 'impact', '95 % CI'],
      report.drivers.map((d) => [d.label, String(d.count), percent(d.share), signed(d.sentiment_score, 2), signed(d.nps_with), signed(d.nps_without), `${signed(d.impact)}${d.significant ? ' *' : ''}`, interval(d.ci95)]),
      NUMBERS_FROM_1,
    ),
    ...note(hiddenThemesNote(report.hidden_themes.min_count, report.hidden_themes.drivers)),
    ...rating.section,
    '<h2 id="key-drivers">Key drivers (regression)</h2>',
    para(`${who} points regressed on theme indicators over ${report.key_drivers.n} scored comments, R² = ${report.key_drivers.r2?.toFixed(3) ?? '—'}; importance = Johnson's relative weight / R².`),
    htmlTable(
      ['theme', 'importance', 'relative weight', 'coefficient', 'beta'],
      report.key_drivers.themes.map((row) => [reportThemeLabel(report, row.theme), percent(row.importance), row.relative_weight.toFixed(4), signed(row.coefficient), signed(row.beta, 3)]),
      new Set([1, 2, 3, 4]),
    ),
    `<h2 id="trend">${escapeHtml(`${who} over time (by ${report.trends.granularity})`)}</h2>`,
    '<div class="chart"><canvas id="trend-chart" role="img" aria-label="Score over time with its 95 % interval"></canvas></div>',
    htmlTable(['period', 'n', who, '95 % CI'], report.trends.periods.map((p) => [p.period, String(p.n), npsText(p.nps), interval(p.nps.ci95)]), new Set([1, 2])),
    '<h2 id="journey">Journey</h2>',
    para('Impact of each theme within each journey step (green raises the step\'s score, red lowers it); * = significant (the 95 % interval excludes 0); grey, n < 30 = fewer than 30 verbatims.'),
    '<div class="chart tall"><canvas id="journey-heatmap" role="img" aria-label="Heatmap of theme impact per journey step"></canvas></div>',
    htmlTable(
      ['step', 'n', who, 'top themes (count, impact within the step)'],
      report.journey.map((step) => [step.step, String(step.n), signed(step.nps), step.themes.slice(0, 4).map((t) => journeyCellText(t, signed)).join(', ')]),
      new Set([1, 2]),
    ),
    ...note(hiddenCellsNote(report.hidden_themes.min_count, report.journey)),
    '<h2 id="breakdowns">Drivers by segment, source and period</h2>',
    ...report.breakdowns
      .filter((b) => b.kind !== 'journey')
      .flatMap((b) => [
        `<h3>${escapeHtml(`by ${b.dimension}`)}</h3>`,
        htmlTable(
          [b.dimension, 'n', who, '95 % CI', 'strongest drivers (impact within the group)'],
          b.groups.map((g) => [
            g.value,
            String(g.n),
            npsText(g.nps),
            interval(g.nps.ci95),
            [...g.drivers]
              .filter((d) => d.impact !== null)
              .sort((x, y) => Math.abs(y.impact ?? 0) - Math.abs(x.impact ?? 0))
              .slice(0, 3)
              .map((d) => `${reportThemeLabel(report, d.theme)} ${signed(d.impact)}${d.significant ? '*' : ''}`)
              .join(', '),
          ]),
          new Set([1, 2]),
        ),
      ]),
    ...emergingHtml(report),
    ...momentsHtml(report),
    ...employeeHtml(report),
    ...followupsHtml(report),
    ...compareHtml(report),
  ];
  return htmlPage(`${who} report`, sections.join('\n'), htmlChartData(report), assets);
}

function emergingHtml(report: Report): string[] {
  const { emerging, suggested_themes: suggested } = report;
  const out = ['<h2 id="emerging">Emerging themes and phrases</h2>'];
  if (emerging.windows === null) return [...out, para('No dated verbatims.')];
  out.push(
    para(`Recent ${emerging.windows.recent.from.slice(0, 10)} → ${emerging.windows.recent.to.slice(0, 10)} (${emerging.recent_docs} comments) against ${emerging.windows.baseline.from.slice(0, 10)} → ${emerging.windows.baseline.to.slice(0, 10)} (${emerging.baseline_docs}); log-likelihood G², Bonferroni-corrected.`),
    htmlTable(
      ['theme', 'baseline share', 'recent share', 'ratio', 'G²', 'emerging'],
      emerging.themes.slice(0, 10).map((t) => [reportThemeLabel(report, t.theme), percent(t.baseline_share), percent(t.recent_share), t.ratio?.toFixed(2) ?? 'new', t.g2.toFixed(2), t.emerging ? 'yes' : '']),
      new Set([1, 2, 3, 4]),
    ),
    htmlTable(
      ['rising phrase', 'baseline share', 'recent share', 'G²', 'significant'],
      emerging.phrases.slice(0, 10).map((p) => [p.phrase, percent(p.reference_share), percent(p.target_share), p.g2.toFixed(2), p.significant ? 'yes' : '']),
      new Set([1, 2, 3]),
    ),
    `<h3>${escapeHtml(`Suggested new themes (${suggested.untagged} comments no theme covers${suggested.sample < suggested.untagged ? `, ${suggested.sample} sampled` : ''}; clustered by ${suggested.method === 'embeddings' ? 'meaning' : 'shared phrases'})`)}</h3>`,
    ...suggested.clusters.map(
      (c) =>
        `<p><strong>${escapeHtml(`${c.id}: “${c.seed}”`)}</strong> ${escapeHtml(`~${c.estimated_size} verbatims; ${c.top_phrases.map((p) => p.phrase).join(', ')}`)}</p>` +
        c.examples.map((example) => `<blockquote>${escapeHtml(example.text)}</blockquote>`).join(''),
    ),
  );
  return out;
}

function momentsHtml(report: Report): string[] {
  const t = report.moments.thresholds;
  return [
    '<h2 id="moments">Moment matrix (customers × employees)</h2>',
    para(`Valence = (positive − negative) / comments at the step; positive at ≥ ${t.positive}, negative at ≤ ${t.negative}; fewer than ${t.minAnswers} comments on a side = no signal.`),
    '<div class="chart"><canvas id="moment-chart" role="img" aria-label="Customer and employee valence per journey step"></canvas></div>',
    htmlTable(
      ['step', 'customers', 'customer valence', 'employees', 'employee valence', 'moment'],
      report.moments.steps.map((s) => [s.step, String(s.customer.n), signed(s.customer.valence, 2), String(s.employee.n), signed(s.employee.valence, 2), s.moment === null ? '—' : momentLabel(s.moment)]),
      new Set([1, 2, 3, 4]),
    ),
  ];
}

function employeeHtml(report: Report): string[] {
  if (report.enps === null) return [];
  const { nps, drivers } = report.enps;
  return [
    '<h2 id="enps">eNPS (employee answers, same period)</h2>',
    `<p class="headline"><strong>${escapeHtml(`eNPS ${npsText(nps)}`)}</strong> ${escapeHtml(`95 % CI ${interval(nps.ci95)}, ${npsCounts(nps)}`)}</p>`,
    htmlTable(
      ['theme', 'count', 'eNPS with', 'eNPS without', 'impact', '95 % CI'],
      drivers.map((d) => [d.label, String(d.count), signed(d.nps_with), signed(d.nps_without), `${signed(d.impact)}${d.significant ? ' *' : ''}`, interval(d.ci95)]),
      new Set([1, 2, 3, 4]),
    ),
  ];
}

/** A paragraph, or nothing when there is nothing to say. */
function note(text: string): string[] {
  return text === '' ? [] : [para(text)];
}

function followupsHtml(report: Report): string[] {
  if (report.followups === null) return [];
  const sla = report.followups;
  return [
    '<h2 id="followups">Follow-ups (closed loop)</h2>',
    para(
      `Every detractor gets a callback due ${sla.due_hours} h after the answer. ${sla.total} opened: ${sla.open} open, ${sla.assigned} assigned, ${sla.closed} closed (${sla.closed_in_time} in time). ` +
        `SLA compliance ${sla.compliance === null ? '—' : percent(sla.compliance)} of ${sla.due} due; ${sla.overdue} overdue.`,
    ),
    htmlTable(
      ['#', 'answer', 'NPS', 'status', 'assignee', 'due', 'hours late'],
      sla.overdue_list.map((f) => [String(f.id), f.external_id ?? f.verbatim_id, f.nps === null ? '—' : String(f.nps), f.status, f.assignee ?? '', f.due_at, f.hours_late.toFixed(1)]),
      new Set([0, 2, 6]),
    ),
  ];
}
