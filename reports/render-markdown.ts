import type { Report } from '../analysis/report.js';
import { interval, percent, signed, npsCounts, npsText } from './format.js';
import { momentLabel } from './moment-labels.js';
import { compareMarkdownLines, type ComparedReport } from './render-compare.js';
import { ratingMarkdown } from './render-rating.js';
import { hiddenCellsNote, hiddenThemesNote, journeyCellText, reportThemeLabel } from './theme-notes.js';

/** The report as Markdown, for wikis and tickets. Table cells escape `|`. */
export function renderMarkdown(report: ComparedReport): string {
  const { nps } = report;
  const who = report.filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  const rating = ratingMarkdown(report, cell);
  const out: string[] = [
    `# ${who} report`,
    '',
    `Generated ${report.generated_at}${describeFilters(report)}.`,
    '',
    `**${who} ${npsText(nps)}** (95 % CI ${interval(nps.ci95)}, ${npsCounts(nps)}).`,
    ...rating.headline,
    `${report.verbatims} verbatims, ${report.commented} with a comment, ${report.enriched} enriched.`,
    '',
    '## Drivers',
    '',
    'Impact = NPS(all) − NPS(all without the theme\'s verbatims); * = the 95 % interval excludes 0.',
    '',
    '| theme | count | share | sentiment | NPS with | NPS without | impact | 95 % CI |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...report.drivers.map(
      (d) =>
        `| ${cell(d.label)} | ${d.count} | ${percent(d.share)} | ${signed(d.sentiment_score, 2)} | ${signed(d.nps_with)} | ${signed(d.nps_without)} | ${signed(d.impact)}${d.significant ? ' *' : ''} | ${interval(d.ci95)} |`,
    ),
    '',
    ...note(hiddenThemesNote(report.hidden_themes.min_count, report.hidden_themes.drivers)),
    ...rating.section,
    '## Key drivers (regression)',
    '',
    `NPS points (+100 promoter, 0 passive, −100 detractor) regressed on one 0/1 indicator a theme over ${report.key_drivers.n} scored comments; ` +
      `R² = ${report.key_drivers.r2?.toFixed(3) ?? '—'}. Importance = Johnson's relative weight / R²; coefficient = NPS points with the theme, the others held fixed.`,
    '',
    '| theme | importance | relative weight | coefficient | beta |',
    '|---|---:|---:|---:|---:|',
    ...report.key_drivers.themes.map((row) => `| ${cell(reportThemeLabel(report, row.theme))} | ${percent(row.importance)} | ${row.relative_weight.toFixed(4)} | ${signed(row.coefficient)} | ${signed(row.beta, 3)} |`),
    ...(report.key_drivers.excluded.length === 0 ? [] : ['', `Left out: ${report.key_drivers.excluded.map((row) => `${cell(reportThemeLabel(report, row.theme))} (${row.reason})`).join(', ')}.`]),
    '',
    '## Journey',
    '',
    '| step | n | NPS | top themes (count, impact within the step; * significant, n < 30 small) |',
    '|---|---:|---:|---|',
    ...report.journey.map(
      (step) =>
        `| ${cell(step.step)} | ${step.n} | ${signed(step.nps)} | ${cell(
          step.themes
            .slice(0, 4)
            .map((theme) => journeyCellText(theme, signed))
            .join(', '),
        )} |`,
    ),
    '',
    ...note(hiddenCellsNote(report.hidden_themes.min_count, report.journey)),
    ...breakdownSections(report),
    `## ${who} over time (by ${report.trends.granularity})`,
    '',
    `| period | n | ${who} | 95 % CI | ${report.trends.themes.slice(0, 5).map((t) => `${cell(reportThemeLabel(report, t.theme))} share (impact)`).join(' | ')} |`,
    `|---|---:|---:|---|${report.trends.themes.slice(0, 5).map(() => '---:').join('|')}|`,
    ...report.trends.periods.map((period, index) => {
      const themes = report.trends.themes.slice(0, 5).map((theme) => {
        const point = theme.points[index];
        return point === undefined ? '—' : `${percent(point.share)} (${signed(point.impact)})`;
      });
      return `| ${period.period} | ${period.n} | ${npsText(period.nps)} | ${interval(period.nps.ci95)} | ${themes.join(' | ')} |`;
    }),
    '',
    ...emergingSection(report),
    ...momentSection(report),
    ...employeeSection(report),
    ...followupSection(report),
    ...compareMarkdownLines(report, cell),
    '## Languages and sentiment',
    '',
    `Languages: ${Object.entries(report.languages).map(([lang, n]) => `${lang} ${n}`).join(', ') || '—'}.`,
    `Sentiment: ${Object.entries(report.sentiment).map(([label, n]) => `${label} ${n}`).join(', ') || '—'}.`,
    '',
  ];
  return out.join('\n');
}

function breakdownSections(report: Report): string[] {
  const out: string[] = [];
  for (const breakdown of report.breakdowns.filter((b) => b.kind !== 'period')) {
    out.push(`## Drivers by ${cell(breakdown.dimension)}`, '', `| ${cell(breakdown.dimension)} | n | NPS | 95 % CI | drivers (impact within the group, * significant) |`, '|---|---:|---:|---|---|');
    for (const group of breakdown.groups) {
      const drivers = [...group.drivers]
        .filter((d) => d.impact !== null)
        .sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0))
        .slice(0, 3)
        .map((d) => `${reportThemeLabel(report, d.theme)} ${signed(d.impact)}${d.significant ? '*' : ''}`)
        .join(', ');
      out.push(`| ${cell(group.value)} | ${group.n} | ${npsText(group.nps)} | ${interval(group.nps.ci95)} | ${cell(drivers)} |`);
    }
    if (breakdown.omitted_groups > 0) out.push('', `${breakdown.omitted_groups} smaller groups not shown.`);
    out.push('');
  }
  return out;
}

function emergingSection(report: Report): string[] {
  const { emerging, suggested_themes: suggested } = report;
  const out = ['## Emerging themes and phrases', ''];
  if (emerging.windows === null) return [...out, 'No dated verbatims.', ''];
  out.push(
    `Recent window ${emerging.windows.recent.from.slice(0, 10)} → ${emerging.windows.recent.to.slice(0, 10)} (${emerging.recent_docs} comments) against ` +
      `${emerging.windows.baseline.from.slice(0, 10)} → ${emerging.windows.baseline.to.slice(0, 10)} (${emerging.baseline_docs}); log-likelihood G², Bonferroni-corrected.`,
    '',
    '| theme | baseline share | recent share | ratio | G² | p | emerging |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...emerging.themes.slice(0, 8).map((t) => `| ${cell(reportThemeLabel(report, t.theme))} | ${percent(t.baseline_share)} | ${percent(t.recent_share)} | ${t.ratio?.toFixed(2) ?? 'new'} | ${t.g2.toFixed(2)} | ${pValue(t.p_value)} | ${t.emerging ? 'yes' : ''} |`),
    '',
    `Phrases rising: ${emerging.phrases.slice(0, 8).map((p) => `“${cell(p.phrase)}” ${percent(p.reference_share)} → ${percent(p.target_share)}${p.significant ? ' *' : ''}`).join(', ') || '—'}${emerging.phrases_sampled ? ' (sampled)' : ''}.`,
    '',
    `### Suggested new themes (${suggested.untagged} comments with no theme${suggested.sample < suggested.untagged ? `, ${suggested.sample} sampled` : ''}; clustered by ${suggested.method === 'embeddings' ? 'meaning (sentence embeddings)' : 'shared phrases'})`,
    '',
    '| id | defining phrase | size | top phrases | example |',
    '|---|---|---:|---|---|',
    ...suggested.clusters.map((c) => `| ${c.id} | ${cell(c.seed)} | ${c.estimated_size} | ${cell(c.top_phrases.map((p) => p.phrase).join(', '))} | ${cell(c.examples[0]?.text ?? '')} |`),
    '',
  );
  return out;
}

function momentSection(report: Report): string[] {
  const t = report.moments.thresholds;
  return [
    '## Moment matrix (customers × employees)',
    '',
    `Valence = (positive − negative) / comments at the step; positive at ≥ ${t.positive}, negative at ≤ ${t.negative}; fewer than ${t.minAnswers} comments on a side = no signal.`,
    '',
    '| step | customers | customer valence | employees | employee valence | moment |',
    '|---|---:|---:|---:|---:|---|',
    ...report.moments.steps.map(
      (s) => `| ${cell(s.step)} | ${s.customer.n} | ${signed(s.customer.valence, 2)} | ${s.employee.n} | ${signed(s.employee.valence, 2)} | ${s.moment === null ? '—' : momentLabel(s.moment)} |`,
    ),
    '',
  ];
}

function employeeSection(report: Report): string[] {
  if (report.enps === null) return [];
  const { nps, drivers } = report.enps;
  return [
    '## eNPS (employee answers, same period)',
    '',
    `**eNPS ${npsText(nps)}** (95 % CI ${interval(nps.ci95)}, ${npsCounts(nps)}).`,
    '',
    ...(drivers.length === 0 ? [] : ['| theme | count | eNPS with | eNPS without | impact | 95 % CI |', '|---|---:|---:|---:|---:|---|']),
    ...drivers.map((d) => `| ${cell(d.label)} | ${d.count} | ${signed(d.nps_with)} | ${signed(d.nps_without)} | ${signed(d.impact)}${d.significant ? ' *' : ''} | ${interval(d.ci95)} |`),
    '',
  ];
}

function followupSection(report: Report): string[] {
  if (report.followups === null) return [];
  const sla = report.followups;
  return [
    '## Follow-ups (closed loop)',
    '',
    `Every detractor gets a callback due ${sla.due_hours} h after the answer. ${sla.total} opened: ${sla.open} open, ${sla.assigned} assigned, ${sla.closed} closed (${sla.closed_in_time} in time).`,
    `SLA compliance: **${sla.compliance === null ? '—' : percent(sla.compliance)}** of the ${sla.due} due called back in time; **${sla.overdue} overdue**.`,
    '',
    ...(sla.overdue_list.length === 0 ? [] : ['| # | answer | NPS | status | assignee | due | hours late |', '|---:|---|---:|---|---|---|---:|']),
    ...sla.overdue_list.map((f) => `| ${f.id} | ${cell(f.external_id ?? f.verbatim_id)} | ${f.nps ?? '—'} | ${f.status} | ${cell(f.assignee ?? '')} | ${f.due_at} | ${f.hours_late.toFixed(1)} |`),
    ...(sla.overdue > sla.overdue_list.length ? ['', `… and ${sla.overdue - sla.overdue_list.length} more (\`verbatim followups overdue\`).`] : []),
    '',
  ];
}

/** A paragraph and its blank line, or nothing when there is nothing to say. */
function note(text: string): string[] {
  return text === '' ? [] : [text, ''];
}

function pValue(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function describeFilters(report: Report): string {
  const { from, to, segments, source } = report.filters;
  const parts = [
    from === undefined ? '' : `from ${from}`,
    to === undefined ? '' : `to ${to}`,
    source === undefined ? '' : `source ${source}`,
    ...Object.entries(segments ?? {}).map(([key, value]) => `${key} = ${value}`),
  ].filter((part) => part !== '');
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

/** A table cell: pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
