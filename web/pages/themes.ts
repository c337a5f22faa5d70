import { href, single } from '../filters.js';
import { html } from '../html.js';
import { viewerReport, viewerScope } from '../viewer-report.js';
import { renderTable, sortRows } from '../table.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { driversTable } from './report-tables.js';
import { verbatimsHref } from './drill-links.js';
import { pageThemeLabels, relabel } from './theme-labels.js';

/** Theme explorer: every theme with enough verbatims, sortable by any column (the order is kept in the URL). */
export const themesPage: PageHandler = async (context) => {
  const { db, minGroup, engine, cache, now, filters, params, path, query, identity } = context;
  const [{ summary: report }, labels] = await Promise.all([
    cache.get(`themes:${JSON.stringify([filters, identity.scope])}`, () => viewerReport(db, viewerScope(filters, identity.scope), ['summary'], now, { ...engine, minCount: 1, minGroup })),
    pageThemeLabels(context),
  ]);
  const table = driversTable(relabel(report.drivers, labels), params, 'Themes (click a column to sort, a theme to open it)', (theme) =>
    verbatimsHref(params, filters, { theme }),
  );
  const askedKey = single(query, 'sort');
  const key = askedKey !== undefined && table.columns.some((column) => column.key === askedKey) ? askedKey : 'count';
  const dir = single(query, 'dir') === 'asc' ? 'asc' : 'desc';
  const sorted = sortRows(table, key, dir);
  const sortHref = (column: string) => href(path, params, { sort: column, dir: column === key && dir === 'desc' ? 'asc' : 'desc' });
  return {
    title: 'Themes',
    body: html`${renderTable(sorted, { csvHref: csvHref(path, params, 'drivers', { sort: key, dir }), sortHref, sort: { key, dir } })}
<p class="note">Impact = NPS(all) − NPS(all without the theme's verbatims); the 95 % interval is by the delta method.</p>`,
    tables: [sorted],
    keep: ['sort', 'dir'],
  };
};
