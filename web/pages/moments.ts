import { html } from '../html.js';
import { MOMENT_KINDS, momentMatrix, type MomentRow } from '../queries/moment-matrix.js';
import { formatSigned, renderTable, type DataTable } from '../table.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';

const GRID: readonly (readonly [string, string])[] = [
  ['+/+', '+/none'],
  ['+/-', '-/+'],
  ['-/none', '-/-'],
];

/** Moment matrix: each journey step placed by customer valence × employee valence. */
export const momentsPage: PageHandler = async ({ db, filters, params, path }) => {
  const rows = await momentMatrix(db, filters);
  const table: DataTable<MomentRow> = {
    name: 'moments',
    caption: 'Journey moments',
    rows,
    columns: [
      { key: 'step', label: 'Step', value: (r) => r.step },
      { key: 'kind', label: 'Moment', value: (r) => r.kind },
      { key: 'customer_n', label: 'Customers', numeric: true, value: (r) => r.customer.n },
      { key: 'customer_sentiment', label: 'Customer sentiment', numeric: true, value: (r) => r.customer.sentiment, cell: (r) => formatSigned(r.customer.sentiment) },
      { key: 'employee_n', label: 'Employees', numeric: true, value: (r) => r.employee.n },
      { key: 'employee_sentiment', label: 'Employee sentiment', numeric: true, value: (r) => r.employee.sentiment, cell: (r) => formatSigned(r.employee.sentiment) },
    ],
  };
  const byKind = (key: string) => rows.filter((row) => `${row.customer.valence}/${row.employee.valence}` === key);
  const unclear = rows.filter((row) => row.kind === 'unclear');
  const body = html`<p class="note">Customer valence (first sign) × employee valence (second) of each journey step, from the mean sentiment of their verbatims; “none” when a side has fewer than 5 verbatims or no clear sign.</p>
<div class="moment-grid">${GRID.flat().map((key) => {
    const kind = MOMENT_KINDS[key as keyof typeof MOMENT_KINDS];
    return html`<section class="moment" data-kind="${key}"><h3>${kind} <small>${key}</small></h3><ul>${byKind(key).map((row) => html`<li>${row.step}</li>`)}</ul></section>`;
  })}</div>
${unclear.length === 0 ? '' : html`<p class="note">No clear customer signal: ${unclear.map((row) => row.step).join(', ')}.</p>`}
${renderTable(table, { csvHref: csvHref(path, params, 'moments') })}`;
  return { title: 'Moment matrix', body, tables: [table] };
};
