import type { Report } from '../analysis/report.js';
import { interval, percent, signed } from './format.js';

/** The report as Markdown, for wikis and tickets. Table cells escape `|`. */
export function renderMarkdown(report: Report): string {
  const { nps } = report;
  const who = report.filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  const out: string[] = [
    `# ${who} report`,
    '',
    `Generated ${report.generated_at}${describeFilters(report)}.`,
    '',
    `**${who} ${signed(nps.score)}** (95 % CI ${interval(nps.ci95)}, n = ${nps.n}: ${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors).`,
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
        `| ${cell(d.theme)} | ${d.count} | ${percent(d.share)} | ${signed(d.sentiment_score, 2)} | ${signed(d.nps_with)} | ${signed(d.nps_without)} | ${signed(d.impact)}${d.significant ? ' *' : ''} | ${interval(d.ci95)} |`,
    ),
    '',
    '## Journey',
    '',
    '| step | n | NPS | top themes (count, impact within the step) |',
    '|---|---:|---:|---|',
    ...report.journey.map(
      (step) =>
        `| ${cell(step.step)} | ${step.n} | ${signed(step.nps)} | ${cell(
          step.themes
            .slice(0, 4)
            .map((theme) => `${theme.theme} (${theme.count}, ${signed(theme.impact)})`)
            .join(', '),
        )} |`,
    ),
    '',
    '## Languages and sentiment',
    '',
    `Languages: ${Object.entries(report.languages).map(([lang, n]) => `${lang} ${n}`).join(', ') || '—'}.`,
    `Sentiment: ${Object.entries(report.sentiment).map(([label, n]) => `${label} ${n}`).join(', ') || '—'}.`,
    '',
  ];
  return out.join('\n');
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

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
