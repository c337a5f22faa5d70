import type { MomentCell, MomentKind } from '../../analysis/moment-matrix.js';
import { html } from '../html.js';
import { viewerReport, viewerScope } from '../viewer-report.js';
import { formatSigned, renderTable, type DataTable } from '../table.js';
import { csvHref } from './links.js';
import { interfaceLanguage, UI_PARAM } from './interface-language.js';
import { MOMENT_WORDS } from './moment-names.js';
import type { PageHandler } from './page.js';

/** The six cells, customer sign first, as the matrix is drawn (row: customers +, then −); names by interface language (`MOMENT_WORDS`). */
const CELLS: readonly { kind: MomentKind; signs: string }[] = [
  { kind: 'moment_formidable', signs: '+ / +' },
  { kind: 'coup_de_chance', signs: '+ / none' },
  { kind: 'douleur', signs: '+ / −' },
  { kind: 'mauvais_combat', signs: '− / +' },
  { kind: 'cecite', signs: '− / none' },
  { kind: 'impasse', signs: '− / −' },
];

/** Moment matrix: each journey step placed by customer valence × employee valence. */
export const momentsPage: PageHandler = async ({ db, minGroup, engine, cache, now, filters, params, path, identity, query, acceptLanguage }) => {
  const words = MOMENT_WORDS[interfaceLanguage(query, acceptLanguage)];
  const range = { from: filters.from, to: filters.to };
  // Only the period and the role reach the matrix (`staffScope`), so they are the whole cache key.
  const { moments } = await cache.get(`moments:${JSON.stringify([range, identity.scope])}`, () => viewerReport(db, viewerScope(filters, identity.scope), ['moments'], now, { ...engine, minGroup }));
  const cells = moments.steps;
  const table: DataTable<MomentCell> = {
    name: 'moments',
    caption: 'Journey moments',
    rows: cells,
    columns: [
      { key: 'step', label: 'Step', value: (r) => r.step },
      { key: 'moment', label: 'Moment', value: (r) => r.moment, cell: (r) => (r.moment === null ? words.noSignal : words.names[r.moment]) },
      { key: 'customer_n', label: 'Customers', numeric: true, value: (r) => r.customer.n },
      { key: 'customer_valence', label: 'Customer valence', numeric: true, value: (r) => r.customer.valence, cell: (r) => formatSigned(r.customer.valence) },
      { key: 'employee_n', label: 'Employees', numeric: true, value: (r) => r.employee.n },
      { key: 'employee_valence', label: 'Employee valence', numeric: true, value: (r) => r.employee.valence, cell: (r) => formatSigned(r.employee.valence) },
    ],
  };
  const unclear = cells.filter((cell) => cell.moment === null);
  const body = html`<p class="note">Valence = (positive − negative) ÷ answers, for customers (first sign) and employees (second) at each journey step; “none” when a side has fewer than 5 answers or no clear sign. Only the period applies here (employees carry other segments than customers)${Object.keys(identity.scope).length === 0 ? '' : ', within your scope'}.</p>
<div class="moment-grid">${CELLS.map(
    (cell) => html`<section class="moment" data-kind="${cell.kind}"><h3>${words.names[cell.kind]} <small>${cell.signs}</small></h3><ul>${cells
      .filter((row) => row.moment === cell.kind)
      .map((row) => html`<li>${row.step} <small>(${row.customer.n} customers, ${row.employee.n} employees)</small></li>`)}</ul></section>`,
  )}</div>
${unclear.length === 0 ? '' : html`<p class="note">${words.noSignalLead}: ${unclear.map((row) => row.step).join(', ')}.</p>`}
${renderTable(table, { csvHref: csvHref(path, params, 'moments') })}`;
  return { title: 'Moment matrix', body, tables: [table], keep: [UI_PARAM] };
};
