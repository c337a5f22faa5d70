import type { EmergingTheme, EmergingWindows } from '../../analysis/emerging.js';
import type { KeyDriverRow } from '../../analysis/key-drivers.js';
import type { SuggestedTheme } from '../../analysis/untagged-clusters.js';
import { href } from '../filters.js';
import { html } from '../html.js';
import { foldForSearch } from '../queries/accent-fold.js';
import { formatSigned, type DataTable } from '../table.js';

/** A theme's label from the report's `theme_labels`, else its id. */
export type LabelOf = (theme: string) => string;

/** Key drivers (Johnson's relative weights): each theme's share of what themes explain of NPS; the theme opens its verbatims. */
export function keyDriversTable(rows: readonly KeyDriverRow[], labelOf: LabelOf, verbatims: (theme: string) => string): DataTable<KeyDriverRow> {
  return {
    name: 'key_drivers',
    caption: 'Key drivers: share of the explained NPS variation',
    rows,
    columns: [
      { key: 'theme', label: 'Theme', value: (d) => d.theme, cell: (d) => html`<a class="drill-theme" href="${verbatims(d.theme)}" data-theme="${d.theme}">${labelOf(d.theme)}</a>` },
      { key: 'count', label: 'Verbatims', numeric: true, value: (d) => d.count },
      { key: 'importance', label: 'Importance', numeric: true, value: (d) => d.importance, cell: (d) => `${(d.importance * 100).toFixed(1)} %` },
      { key: 'coefficient', label: 'NPS points (others held fixed)', numeric: true, value: (d) => d.coefficient, cell: (d) => formatSigned(d.coefficient) },
      { key: 'relative_weight', label: 'Relative weight', numeric: true, value: (d) => d.relative_weight, cell: (d) => d.relative_weight.toFixed(4) },
    ],
  };
}

/** Emerging themes: share in the recent window against the baseline; the theme opens its recent verbatims. */
export function emergingTable(rows: readonly EmergingTheme[], labelOf: LabelOf, verbatims: (theme: string) => string): DataTable<EmergingTheme> {
  return {
    name: 'emerging',
    caption: 'Emerging themes: recent window against the baseline',
    rows,
    columns: [
      { key: 'theme', label: 'Theme', value: (t) => t.theme, cell: (t) => html`<a class="drill-theme" href="${verbatims(t.theme)}" data-theme="${t.theme}">${labelOf(t.theme)}</a>` },
      { key: 'recent_count', label: 'Recent', numeric: true, value: (t) => t.recent_count },
      { key: 'recent_share', label: 'Recent share', numeric: true, value: (t) => t.recent_share, cell: (t) => `${(t.recent_share * 100).toFixed(1)} %` },
      { key: 'baseline_count', label: 'Baseline', numeric: true, value: (t) => t.baseline_count },
      { key: 'baseline_share', label: 'Baseline share', numeric: true, value: (t) => t.baseline_share, cell: (t) => `${(t.baseline_share * 100).toFixed(1)} %` },
      { key: 'ratio', label: 'Ratio', numeric: true, value: (t) => t.ratio, cell: (t) => (t.ratio === null ? 'new' : `×${t.ratio.toFixed(2)}`) },
      { key: 'p_value', label: 'p', numeric: true, value: (t) => t.p_value, cell: (t) => t.p_value.toPrecision(2) },
      { key: 'emerging', label: 'Emerging', value: (t) => t.emerging, cell: (t) => (t.emerging ? 'yes' : 'no') },
    ],
  };
}

/** Suggested themes (clusters of untagged verbatims); the seed phrase opens a search for its words. */
export function suggestedTable(rows: readonly SuggestedTheme[], params: URLSearchParams): DataTable<SuggestedTheme> {
  return {
    name: 'suggested_themes',
    caption: 'Suggested themes: untagged verbatims that share a phrase',
    rows,
    columns: [
      { key: 'id', label: 'Id', value: (t) => t.id, csvOnly: true },
      { key: 'seed', label: 'Phrase', value: (t) => t.seed, cell: (t) => html`<a class="drill-theme" href="${href('/search', params, { q: searchWords(t) })}">${t.seed}</a>` },
      { key: 'estimated_size', label: 'Verbatims (est.)', numeric: true, value: (t) => t.estimated_size },
      { key: 'top_phrases', label: 'Distinctive phrases', value: (t) => t.top_phrases.map((p) => p.phrase).join('; ') },
      { key: 'example', label: 'Example', value: (t) => t.examples[0]?.text ?? null },
    ],
  };
}

/**
 * What to search for to find a suggested theme's verbatims: its seed when the texts
 * hold it as written, else the seed's longest word (a seed of stemmed words, with the
 * stop words left out — `rien signaler` for "rien à signaler" — is no substring of the text).
 */
export function searchWords(theme: SuggestedTheme): string {
  const seed = foldForSearch(theme.seed);
  if (theme.examples.length > 0 && theme.examples.every((example) => foldForSearch(example.text).includes(seed))) return theme.seed;
  return theme.seed.split(/\s+/).reduce((longest, word) => (word.length > longest.length ? word : longest), '');
}

/** The recent window of the emerging test as dates the filters read (`to` exclusive, so the last day counts). */
export function recentDates(windows: EmergingWindows | null): { from: string; to: string } | undefined {
  if (windows === null) return undefined;
  const dayAfter = new Date(new Date(windows.recent.to).getTime() + 86_400_000).toISOString().slice(0, 10);
  return { from: windows.recent.from.slice(0, 10), to: dayAfter };
}
