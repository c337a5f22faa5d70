import type { RootCause } from '../analysis/root-cause.js';
import { percent, signed } from './format.js';
import { cell } from './render-markdown.js';

/** The root cause of one theme as Markdown: a summary whose every line names its section, then the evidence. */
export function renderRootCauseMarkdown(rootCause: RootCause): string {
  const points = rootCause.trend.themes[0]?.points ?? [];
  const out = [
    `# Root cause: ${cell(rootCause.label)}${rootCause.label === rootCause.theme ? '' : ` (\`${rootCause.theme}\`)`}`,
    '',
    `Generated ${rootCause.generated_at}.`,
    '',
    '## Summary',
    '',
    ...rootCause.summary.map((sentence) => `- ${cell(sentence.text)} _(${sentence.source})_`),
    '',
    '## Co-occurring themes',
    '',
    '| theme | verbatims with both | share of its verbatims | lift | G² |',
    '|---|---:|---:|---:|---:|',
    ...rootCause.cooccurring.map((row) => `| ${cell(row.theme)} | ${row.count} | ${percent(row.share)} | ${row.lift?.toFixed(2) ?? '∞'}${row.significant ? ' *' : ''} | ${row.g2.toFixed(2)} |`),
    '',
    `## Distinctive phrases${rootCause.phrases_sampled ? ' (sampled)' : ''}`,
    '',
    '| phrase | its verbatims | other verbatims | G² |',
    '|---|---:|---:|---:|',
    ...rootCause.phrases.map((row) => `| ${cell(row.phrase)} | ${row.target_docs} (${percent(row.target_share)}) | ${row.reference_docs} (${percent(row.reference_share)}) | ${row.g2.toFixed(2)}${row.significant ? ' *' : ''} |`),
    '',
    '## Where it is over-represented',
    '',
    '| dimension | value | its verbatims | others | ratio | G² |',
    '|---|---|---:|---:|---:|---:|',
    ...[...rootCause.journey, ...rootCause.segments].map(
      (row) => `| ${cell(row.dimension)} | ${cell(row.value)} | ${row.theme_count} (${percent(row.theme_share)}) | ${percent(row.others_share)} | ${row.ratio?.toFixed(2) ?? '∞'} | ${row.g2.toFixed(2)}${row.significant ? ' *' : ''} |`,
    ),
    '',
    `## Trend (by ${rootCause.trend.granularity})`,
    '',
    '| period | verbatims | share | sentiment | impact |',
    '|---|---:|---:|---:|---:|',
    ...points.map((p) => `| ${p.period} | ${p.count} | ${percent(p.share)} | ${signed(p.sentiment_score, 2)} | ${signed(p.impact)} |`),
    '',
    '## Representative verbatims',
    '',
    ...rootCause.verbatims.flatMap((v) => [
      `> ${cell(v.text)}`,
      '',
      `\`${cell(v.external_id ?? v.id)}\` · NPS ${v.nps ?? '—'} · theme score ${signed(v.score, 2)} (${v.sentiment}) · ${v.journey ?? 'no step'} · evidence: “${cell(v.evidence)}”${v.evidence_span === null ? '' : ` [${v.evidence_span[0]}, ${v.evidence_span[1]})`}`,
      '',
    ]),
    '\\* significant at 5 % after a Bonferroni correction.',
    '',
  ];
  return out.join('\n');
}
