import type { RootCause } from '../analysis/root-cause.js';
import type { ChartAssets } from './chart-assets.js';
import { percent, signed } from './format.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage, htmlTable } from './html-page.js';

/** The root cause of one theme as a self-contained page; quotes show the evidence span highlighted. */
export function renderRootCauseHtml(rootCause: RootCause, assets: ChartAssets): string {
  const points = rootCause.trend.themes[0]?.points ?? [];
  const title = `Root cause: ${rootCause.label}`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">${escapeHtml(`Theme ${rootCause.theme}. Generated ${rootCause.generated_at}.`)}</p>`,
    '<h2>Summary</h2>',
    `<ul>${rootCause.summary.map((s) => `<li>${escapeHtml(s.text)} <span class="muted">(${escapeHtml(s.source)})</span></li>`).join('')}</ul>`,
    '<h2>Trend</h2>',
    '<div class="chart"><canvas id="theme-trend-chart" role="img" aria-label="Share of comments and impact per period"></canvas></div>',
    htmlTable(['period', 'verbatims', 'share', 'sentiment', 'impact'], points.map((p) => [p.period, String(p.count), percent(p.share), signed(p.sentiment_score, 2), signed(p.impact)]), new Set([1, 2, 3, 4])),
    '<h2>Co-occurring themes</h2>',
    htmlTable(['theme', 'with both', 'share', 'lift', 'G²'], rootCause.cooccurring.map((r) => [r.theme, String(r.count), percent(r.share), `${r.lift?.toFixed(2) ?? '∞'}${r.significant ? ' *' : ''}`, r.g2.toFixed(2)]), new Set([1, 2, 3, 4])),
    '<h2>Distinctive phrases</h2>',
    htmlTable(['phrase', 'its verbatims', 'others', 'G²'], rootCause.phrases.map((r) => [r.phrase, percent(r.target_share), percent(r.reference_share), `${r.g2.toFixed(2)}${r.significant ? ' *' : ''}`]), new Set([1, 2, 3])),
    '<h2>Where it is over-represented</h2>',
    htmlTable(
      ['dimension', 'value', 'its verbatims', 'others', 'ratio', 'G²'],
      [...rootCause.journey, ...rootCause.segments].map((r) => [r.dimension, r.value, percent(r.theme_share), percent(r.others_share), r.ratio?.toFixed(2) ?? '∞', `${r.g2.toFixed(2)}${r.significant ? ' *' : ''}`]),
      new Set([2, 3, 4, 5]),
    ),
    '<h2>Representative verbatims</h2>',
    ...rootCause.verbatims.map(
      (v) =>
        `<blockquote>${highlighted(v.text, v.evidence_span)}<br><span class="muted">${escapeHtml(
          `${v.external_id ?? v.id} · NPS ${v.nps ?? '—'} · theme score ${signed(v.score, 2)} (${v.sentiment}) · ${v.journey ?? 'no step'}`,
        )}</span></blockquote>`,
    ),
    '<p class="muted">* significant at 5 % after a Bonferroni correction.</p>',
  ];
  const chartData = { themeTrend: points.map((p) => ({ period: p.period, share: p.share, impact: p.impact })) };
  return htmlPage(title, body.join('\n'), chartData, assets);
}

/** The text with its evidence span in `<mark>`, each part escaped on its own. */
function highlighted(text: string, span: readonly [number, number] | null): string {
  if (span === null) return escapeHtml(text);
  return `${escapeHtml(text.slice(0, span[0]))}<mark>${escapeHtml(text.slice(span[0], span[1]))}</mark>${escapeHtml(text.slice(span[1]))}`;
}
