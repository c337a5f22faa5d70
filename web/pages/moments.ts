import type { MomentCell, MomentKind } from '../../analysis/moment-matrix.js';
import { html } from '../html.js';
import { viewerReport, viewerScope } from '../viewer-report.js';
import { formatSigned, renderTable, type DataTable } from '../table.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';

/** The six cells, customer sign first, as the matrix is drawn (row: customers +, then −). */
const CELLS: readonly { kind: MomentKind; label: string; signs: string }[] = [
  { kind: 'moment_formidable', label: 'Moment formidable', signs: '+ / +' },
  { kind: 'coup_de_chance', label: 'Coup de chance', signs: '+ / none' },
  { kind: 'douleur', label: 'Douleur', signs: '+ / −' },
  { kind: 'mauvais_combat', label: 'Mauvais combat', signs: '− / +' },
  { kind: 'cecite', label: 'Cécité', signs: '− / none' },
  { kind: 'impasse', label: 'Impasse', signs: '− / −' },
];

/** Moment matrix: each journey step placed by customer valence × employee valence. */
export const momentsPage: PageHandler = async ({ db, minGroup, cache, now, filters, params, path, identity }) => {
  const range = { from: filters.from, to: filters.to };
  // Only the period and the role reach the matrix (`staffScope`), so they are the whole cache key.
  const { moments } = await cache.get(`moments:${JSON.stringify([range, identity.scope])}`, () => viewerReport(db, viewerScope(filters, identity.scope), ['moments'], now, { minGroup }));
  const cells = moments.steps;
  const table: DataTable<MomentCell> = {
    name: 'moments',
    caption: 'Journey moments',
    rows: cells,
    columns: [
      { key: 'step', label: 'Step', value: (r) => r.step },
      { key: 'moment', label: 'Moment', value: (r) => r.moment, cell: (r) => CELLS.find((c) => c.kind === r.moment)?.label ?? 'no clear customer signal' },
      { key: 'customer_n', label: 'Customers', numeric: true, value: (r) => r.customer.n },
      { key: 'customer_valence', label: 'Customer valence', numeric: true, value: (r) => r.customer.valence, cell: (r) => formatSigned(r.customer.valence) },
      { key: 'employee_n', label: 'Employees', numeric: true, value: (r) => r.employee.n },
      { key: 'employee_valence', label: 'Employee valence', numeric: true, value: (r) => r.employee.valence, cell: (r) => formatSigned(r.employee.valence) },
    ],
  };
  const unclear = cells.filter((cell) => cell.moment === null);
  const body = html`<p class="note">Valence = (positive − negative) ÷ answers, for customers (first sign) and employees (second) at each journey step; “none” when a side has fewer than 5 answers or no clear sign. Only the period applies here (employees carry other segments than customers)${Object.keys(identity.scope).length === 0 ? '' : ', within your scope'}.</p>
<div class="moment-grid">${CELLS.map(
    (cell) => html`<section class="moment" data-kind="${cell.kind}"><h3>${cell.label} <small>${cell.signs}</small></h3><ul>${cells
      .filter((row) => row.moment === cell.kind)
      .map((row) => html`<li>${row.step} <small>(${row.customer.n} customers, ${row.employee.n} employees)</small></li>`)}</ul></section>`,
  )}</div>
${unclear.length === 0 ? '' : html`<p class="note">No clear customer signal: ${unclear.map((row) => row.step).join(', ')}.</p>`}
${renderTable(table, { csvHref: csvHref(path, params, 'moments') })}`;
  return { title: 'Moment matrix', body, tables: [table] };
};
