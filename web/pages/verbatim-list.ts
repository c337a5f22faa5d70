import { NO_THEME_LABELS, themeLabel, type ThemeLabels } from '../../analysis/theme-labels.js';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { isWithinTheme } from '../../db/theme-hierarchy.js';
import { href } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import type { DataTable } from '../table.js';
import { highlight } from './highlight.js';

/**
 * Verbatims as cards: date, score, source, language, journey, segments; the text with
 * its evidence marked (only the evidence of `focus` and its sub-themes when given); theme chips,
 * by label when `labels` names them.
 */
export function verbatimList(verbatims: readonly EnrichedVerbatim[], params: URLSearchParams, focus?: string, labels: ThemeLabels = NO_THEME_LABELS): SafeHtml {
  if (verbatims.length === 0) return html`<p class="empty">No verbatim matches these filters.</p>`;
  return html`<ol class="verbatims">${verbatims.map((v) => {
    const e = v.enrichment;
    // On a parent theme's page its sub-themes' evidence is the parent's evidence too.
    const evidence = e.themes.filter((t) => focus === undefined || isWithinTheme(t.theme, focus));
    const segments = Object.entries(v.segments).map(([key, value]) => html`<span class="seg">${key}: ${value}</span>`);
    return html`<li class="verbatim" data-id="${v.id}">
<div class="meta"><time datetime="${v.createdAt ?? ''}">${v.createdAt?.slice(0, 10) ?? 'undated'}</time>
${v.nps === null ? '' : html`<span class="nps ${e.npsCategory ?? ''}">NPS ${v.nps}</span>`}
<span>${v.source}</span><span>${e.lang}</span>${e.journey === null ? '' : html`<span>${e.journey}</span>`}${segments}</div>
<p class="text" lang="${e.lang === 'und' ? '' : e.lang}">${highlight(v.text, evidence)}</p>
<div class="chips">${e.themes.map((t) => html`<a class="chip ${t.sentiment}" href="${href(`/themes/${encodeURIComponent(t.theme)}`, params)}" data-theme="${t.theme}">${themeLabel(labels, t.theme)}</a>`)}</div>
</li>`;
  })}</ol>`;
}

/**
 * The verbatims as a table for CSV: `rows` the page shown, `all` (when given) every
 * verbatim of the list, which the CSV then holds.
 */
export function verbatimsTable(
  verbatims: readonly EnrichedVerbatim[],
  options: { name?: string; all?: () => AsyncIterable<readonly EnrichedVerbatim[]> } = {},
): DataTable<EnrichedVerbatim> {
  return {
    name: options.name ?? 'verbatims',
    caption: 'Verbatims',
    rows: verbatims,
    ...(options.all === undefined ? {} : { allRows: options.all }),
    columns: [
      { key: 'id', label: 'Id', value: (v) => v.id },
      { key: 'created_at', label: 'Date', value: (v) => v.createdAt },
      { key: 'nps', label: 'NPS', numeric: true, value: (v) => v.nps },
      { key: 'nps_category', label: 'Category', value: (v) => v.enrichment.npsCategory },
      { key: 'source', label: 'Source', value: (v) => v.source },
      { key: 'lang', label: 'Language', value: (v) => v.enrichment.lang },
      { key: 'journey', label: 'Journey', value: (v) => v.enrichment.journey },
      { key: 'sentiment', label: 'Sentiment', value: (v) => v.enrichment.sentiment },
      { key: 'themes', label: 'Themes', value: (v) => v.enrichment.themes.map((t) => `${t.theme}:${t.sentiment}`).join(';') },
      { key: 'segments', label: 'Segments', value: (v) => JSON.stringify(v.segments) },
      { key: 'text', label: 'Text', value: (v) => v.text },
    ],
  };
}
