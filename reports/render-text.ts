import type { Report } from '../analysis/report.js';
import { alignTable, interval, percent, signed, npsText } from './format.js';
import { momentLabel } from './moment-labels.js';
import { compareTextLines, type ComparedReport } from './render-compare.js';
import { ratingTextLines } from './render-rating.js';
import { hiddenCellsNote, hiddenThemesNote, journeyCellText, reportThemeLabel } from './theme-notes.js';

/** The terminal report: headline NPS, drivers, key drivers, journey, breakdowns, trends, emerging, moments, eNPS, follow-ups. */
export function renderText(report: ComparedReport): string {
  const { nps } = report;
  const lines: string[] = [];
  const rating = ratingTextLines(report);
  const who = report.filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  lines.push(
    `${who} ${npsText(nps)}  95% CI ${interval(nps.ci95)}  n=${nps.n}  ` +
      `(promoters ${nps.promoters}, passives ${nps.passives}, detractors ${nps.detractors})`,
  );
  lines.push(...rating.headline);
  lines.push(`${report.verbatims} verbatims, ${report.commented} with a comment, ${report.enriched} enriched`);
  lines.push('', 'Themes by volume (impact = NPS(all) − NPS(all without the theme))');
  lines.push(
    alignTable([
      ['theme', 'count', 'share', 'sentiment', 'NPS with', 'NPS without', 'impact', '95% CI', ''],
      ...report.drivers.map((driver) => [
        driver.label,
        String(driver.count),
        percent(driver.share),
        signed(driver.sentiment_score, 2),
        signed(driver.nps_with),
        signed(driver.nps_without),
        signed(driver.impact),
        interval(driver.ci95),
        driver.significant ? '*' : '',
      ]),
    ]),
  );
  lines.push(...nonEmpty(hiddenThemesNote(report.hidden_themes.min_count, report.hidden_themes.drivers)));
  lines.push(...rating.drivers);
  lines.push('', `Key drivers (regression of NPS points on themes, n=${report.key_drivers.n}, R² ${report.key_drivers.r2?.toFixed(3) ?? '—'})`);
  lines.push(
    alignTable([
      ['theme', 'importance', 'coefficient', 'beta'],
      ...report.key_drivers.themes.map((row) => [reportThemeLabel(report, row.theme), percent(row.importance), signed(row.coefficient), signed(row.beta, 3)]),
    ]),
  );
  lines.push('', 'NPS by journey step');
  lines.push(
    alignTable(
      [
        ['step', 'n', 'NPS', 'top themes'],
        ...report.journey.map((step) => [
          step.step,
          String(step.n),
          signed(step.nps),
          step.themes
            .slice(0, 3)
            .map((theme) => journeyCellText(theme, signed))
            .join(', '),
        ]),
      ],
      new Set([3]),
    ),
  );
  lines.push(...nonEmpty(hiddenCellsNote(report.hidden_themes.min_count, report.journey)));
  for (const breakdown of report.breakdowns.filter((b) => b.kind !== 'journey' && b.kind !== 'period')) {
    lines.push('', `NPS by ${breakdown.dimension}`);
    lines.push(
      alignTable(
        [
          [breakdown.dimension, 'n', 'NPS', '95% CI', 'strongest driver (impact)'],
          ...breakdown.groups.map((group) => {
            const strongest = [...group.drivers].filter((d) => d.impact !== null).sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0))[0];
            return [group.value, String(group.n), npsText(group.nps), interval(group.nps.ci95), strongest === undefined ? '' : `${reportThemeLabel(report, strongest.theme)} (${signed(strongest.impact)}${strongest.significant ? '*' : ''})`];
          }),
        ],
        new Set([4]),
      ),
    );
  }
  lines.push('', `${who} by ${report.trends.granularity}`);
  lines.push(alignTable([['period', 'n', who, '95% CI'], ...report.trends.periods.map((p) => [p.period, String(p.n), npsText(p.nps), interval(p.nps.ci95)])]));
  lines.push(...emergingLines(report));
  lines.push(...momentLines(report));
  if (report.enps !== null) {
    lines.push('', `eNPS (employee answers) ${npsText(report.enps.nps)}  95% CI ${interval(report.enps.nps.ci95)}  n=${report.enps.nps.n}`);
  }
  if (report.followups !== null) {
    const sla = report.followups;
    lines.push(
      '',
      `Follow-ups (callback within ${sla.due_hours} h): ${sla.total} opened, ${sla.closed} closed, ${sla.closed_in_time} in time; ` +
        `SLA compliance ${sla.compliance === null ? '—' : percent(sla.compliance)} of ${sla.due} due; ${sla.overdue} overdue`,
    );
    for (const late of sla.overdue_list.slice(0, 5)) lines.push(`  #${late.id} ${late.external_id ?? late.verbatim_id} (NPS ${late.nps ?? '—'}) due ${late.due_at}, ${late.hours_late} h late${late.assignee === null ? '' : `, ${late.assignee}`}`);
  }
  lines.push(...compareTextLines(report));
  lines.push('', '* the 95% interval of the impact excludes 0; n < 30: a journey impact from fewer than 30 verbatims');
  return `${lines.join('\n')}\n`;
}

function emergingLines(report: Report): string[] {
  const { emerging, suggested_themes: suggested } = report;
  const lines = ['', emerging.windows === null ? 'Emerging: no dated verbatims' : `Emerging (${emerging.recent_docs} recent verbatims since ${emerging.windows.recent.from.slice(0, 10)} vs ${emerging.baseline_docs} in the baseline)`];
  const themes = emerging.themes.filter((theme) => theme.emerging);
  lines.push(`  themes: ${themes.length === 0 ? 'none significant' : themes.map((t) => `${reportThemeLabel(report, t.theme)} ${percent(t.baseline_share)} → ${percent(t.recent_share)} (G² ${t.g2.toFixed(1)})`).join(', ')}`);
  const phrases = emerging.phrases.filter((phrase) => phrase.significant);
  lines.push(`  phrases: ${phrases.length === 0 ? 'none significant' : phrases.map((p) => `“${p.phrase}” ${percent(p.reference_share)} → ${percent(p.target_share)}`).join(', ')}`);
  lines.push(`Untagged verbatims: ${suggested.untagged}${suggested.sample < suggested.untagged ? ` (clusters from a sample of ${suggested.sample})` : ''}; suggested themes:`);
  for (const cluster of suggested.clusters) lines.push(`  ${cluster.id} “${cluster.seed}” ~${cluster.estimated_size}: ${cluster.top_phrases.map((p) => p.phrase).join(', ')}`);
  return lines;
}

function momentLines(report: Report): string[] {
  const { moments } = report;
  const t = moments.thresholds;
  return [
    '',
    `Moment matrix (valence = (positive − negative) / answers; + at ≥ ${t.positive}, − at ≤ ${t.negative}, at least ${t.minAnswers} answers a side)`,
    alignTable([
      ['step', 'customers', 'valence', 'employees', 'valence', 'moment'],
      ...moments.steps.map((step) => [
        step.step,
        String(step.customer.n),
        signed(step.customer.valence, 2),
        String(step.employee.n),
        signed(step.employee.valence, 2),
        step.moment === null ? '—' : momentLabel(step.moment),
      ]),
    ]),
  ];
}

/** A note as lines: none when there is nothing to say. */
function nonEmpty(note: string): string[] {
  return note === '' ? [] : [note];
}
