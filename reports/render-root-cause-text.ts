import type { RootCause } from '../analysis/root-cause.js';
import { alignTable, percent, signed } from './format.js';
import { terminalSafe } from './terminal-safe.js';

/** The root cause of one theme for the terminal: the summary, then each section's table. */
export function renderRootCauseText(rootCause: RootCause): string {
  const lines: string[] = [`Root cause: ${rootCause.label === rootCause.theme ? rootCause.theme : `${rootCause.label} (${rootCause.theme})`}`, ''];
  for (const sentence of rootCause.summary) lines.push(`- ${sentence.text}  [${sentence.source}]`);
  lines.push('', 'Co-occurring themes');
  lines.push(alignTable([['theme', 'both', 'share', 'lift', 'G²', ''], ...rootCause.cooccurring.map((row) => [row.theme, String(row.count), percent(row.share), row.lift?.toFixed(2) ?? '∞', row.g2.toFixed(2), row.significant ? '*' : ''])]));
  lines.push('', `Distinctive phrases (share of its verbatims vs the others${rootCause.phrases_sampled ? ', sampled' : ''})`);
  lines.push(alignTable([['phrase', 'its', 'others', 'G²', ''], ...rootCause.phrases.map((row) => [row.phrase, percent(row.target_share), percent(row.reference_share), row.g2.toFixed(2), row.significant ? '*' : ''])]));
  lines.push('', 'Over-represented journey steps and segments');
  lines.push(
    alignTable([
      ['where', 'its verbatims', 'others', 'ratio', 'G²', ''],
      ...[...rootCause.journey, ...rootCause.segments].map((row) => [`${row.dimension} = ${row.value}`, percent(row.theme_share), percent(row.others_share), row.ratio?.toFixed(2) ?? '∞', row.g2.toFixed(2), row.significant ? '*' : '']),
    ]),
  );
  const points = rootCause.trend.themes[0]?.points ?? [];
  lines.push('', `Trend by ${rootCause.trend.granularity}`);
  lines.push(alignTable([['period', 'count', 'share', 'sentiment', 'impact'], ...points.map((p) => [p.period, String(p.count), percent(p.share), signed(p.sentiment_score, 2), signed(p.impact)])]));
  lines.push('', 'Representative verbatims');
  for (const verbatim of rootCause.verbatims) {
    lines.push(`- [${verbatim.external_id ?? verbatim.id}] NPS ${verbatim.nps ?? '—'}, theme score ${signed(verbatim.score, 2)}, ${verbatim.journey ?? 'no step'}`);
    lines.push(`  “${terminalSafe(verbatim.text)}”`);
    lines.push(`  evidence: “${terminalSafe(verbatim.evidence)}”${verbatim.evidence_span === null ? '' : ` (characters ${verbatim.evidence_span[0]}–${verbatim.evidence_span[1]})`}`);
  }
  lines.push('', '* significant at 5 % after a Bonferroni correction');
  return `${lines.join('\n')}\n`;
}
