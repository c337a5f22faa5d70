import type { Breakdown, BreakdownGroup } from '../../analysis/driver-breakdowns.js';
import type { PeriodGranularity } from '../../analysis/periods.js';
import type { ViewFilters } from '../filters.js';
import { html } from '../html.js';
import { formatSigned, type DataTable } from '../table.js';
import { verbatimsHref, type Drill } from './drill-links.js';

/** Themes named in a group's "top themes" cell. */
const TOP_THEMES = 3;

/** What the tables and charts of one dimension need besides its groups. */
export interface BreakdownView {
  readonly params: URLSearchParams;
  readonly filters: ViewFilters;
  readonly granularity: PeriodGranularity;
  readonly labels: Readonly<Record<string, string>>;
}

/** The heading of a dimension: `branch` → "By branch"; a built-in name clash keeps its `segments.` prefix off. */
export function dimensionTitle(breakdown: Breakdown): string {
  const name = breakdown.dimension.startsWith('segments.') ? breakdown.dimension.slice('segments.'.length) : breakdown.dimension;
  return `By ${name}`;
}

/** The filter a group of a dimension stands for, to list its verbatims. */
export function groupDrill(breakdown: Breakdown, value: string, granularity: PeriodGranularity): Drill {
  switch (breakdown.kind) {
    case 'journey':
      return { journey: value };
    case 'source':
      return { source: value };
    case 'period':
      return { period: { label: value, granularity } };
    case 'segment': {
      const key = breakdown.dimension.startsWith('segments.') ? breakdown.dimension.slice('segments.'.length) : breakdown.dimension;
      return { segment: [key, value] };
    }
  }
}

/** A table name safe in a query string and a file name: `breakdown_branch`. */
export function breakdownTableName(breakdown: Breakdown): string {
  return `breakdown_${breakdown.dimension.replace(/[^a-z0-9_-]/gi, '_')}`;
}

/**
 * One dimension as a table: a row a group (its value opens the group's verbatims), its
 * NPS and interval (or why it is withheld), and its top themes, each opening the
 * verbatims of the theme in the group. The CSV keeps the ids.
 */
export function breakdownTable(breakdown: Breakdown, view: BreakdownView): DataTable<BreakdownGroup> {
  const drill = (group: BreakdownGroup, theme?: string) =>
    verbatimsHref(view.params, view.filters, { ...groupDrill(breakdown, group.value, view.granularity), ...(theme === undefined ? {} : { theme }) });
  const top = (group: BreakdownGroup) => group.drivers.slice(0, TOP_THEMES);
  return {
    name: breakdownTableName(breakdown),
    caption: `${dimensionTitle(breakdown)}${breakdown.omitted_groups > 0 ? ` (${breakdown.omitted_groups} smallest groups not shown)` : ''}`,
    rows: breakdown.groups,
    columns: [
      { key: 'value', label: 'Group', value: (g) => g.value, cell: (g) => html`<a class="drill-group" href="${drill(g)}" data-count="${g.n}">${g.value}</a>` },
      { key: 'n', label: 'Verbatims', numeric: true, value: (g) => g.n },
      { key: 'scored', label: 'Scored', numeric: true, value: (g) => g.nps.n },
      { key: 'nps', label: 'NPS', numeric: true, value: (g) => g.nps.score, cell: (g) => g.nps.withheld ?? formatSigned(g.nps.score) },
      {
        key: 'ci95',
        label: '95 % interval',
        value: (g) => (g.nps.ci95 === null ? null : `${g.nps.ci95[0]}..${g.nps.ci95[1]}`),
        cell: (g) => (g.nps.ci95 === null ? '–' : `[${formatSigned(g.nps.ci95[0])}, ${formatSigned(g.nps.ci95[1])}]`),
      },
      {
        key: 'top_themes',
        label: 'Top themes (verbatims, impact)',
        value: (g) => top(g).map((d) => `${d.theme} ${d.count} ${formatSigned(d.impact)}`).join('; '),
        cell: (g) =>
          html`<span class="group-themes">${top(g).map(
            (d) => html`<a href="${drill(g, d.theme)}" data-theme="${d.theme}" data-count="${d.count}">${view.labels[d.theme] ?? d.theme} (${d.count}, ${formatSigned(d.impact)})</a>`,
          )}</span>`,
      },
    ],
  };
}

/** Chart data of a dimension: NPS a group as bars, each opening the group's verbatims. */
export function breakdownChart(breakdown: Breakdown, view: BreakdownView): unknown {
  return {
    kind: 'groups',
    labels: breakdown.groups.map((g) => g.value),
    nps: breakdown.groups.map((g) => g.nps.score),
    n: breakdown.groups.map((g) => g.n),
    hrefs: breakdown.groups.map((g) => verbatimsHref(view.params, view.filters, groupDrill(breakdown, g.value, view.granularity))),
  };
}
