import { escapeHtml, jsonForScript, scriptForInline } from './html-escape.js';
import type { ChartAssets } from './chart-assets.js';
import { CHARTS_SCRIPT } from './html-charts-script.js';

/** A table: every cell is text and is escaped here; `numeric` columns are right-aligned. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number> = new Set()): string {
  const head = headers.map((header, index) => `<th${numeric.has(index) ? ' class="num"' : ''}>${escapeHtml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((value, index) => `<td${numeric.has(index) ? ' class="num"' : ''}>${escapeHtml(value)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A paragraph of escaped text. */
export function para(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: 13px; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { background: #f6f6f8; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { position: relative; height: 360px; margin: .8rem 0; } .chart.tall { height: 460px; }
.headline { font-size: 1.25rem; } .muted { color: #666; } blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid #ccd; background: #fafafc; }
mark { background: #fff1a8; } nav a { margin-right: .8rem; }
`;

/**
 * The whole document: inline CSS, the chart library and the chart script inline,
 * the figures as JSON in a non-executable script element, and a Content-Security-Policy
 * that forbids any request (the file works offline and cannot leak).
 */
export function htmlPage(title: string, body: string, chartData: unknown, assets: ChartAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script type="application/json" id="report-data">${jsonForScript(chartData)}</script>
<script>${scriptForInline(assets.chartJs)}</script>
<script>${scriptForInline(assets.matrixPlugin)}</script>
<script>${CHARTS_SCRIPT}</script>
</body>
</html>
`;
}
