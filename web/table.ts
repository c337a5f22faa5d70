import { stringify } from 'csv-stringify/sync';
import { UTF8_BOM } from '../reports/csv-bom.js';
import { defuseCell } from '../reports/csv-safe.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';

/** A cell value as data: what CSV gets and what `data-value` carries. */
export type CellValue = string | number | boolean | null;

/** One column: its value (CSV, sorting, `data-value`) and, optionally, how it shows in HTML. */
export interface Column<Row> {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  readonly value: (row: Row) => CellValue;
  /** HTML of the cell; default: the value, numbers formatted. */
  readonly cell?: (row: Row) => HtmlValue;
  /** Left out of the HTML table (CSV only). */
  readonly csvOnly?: boolean;
}

/** A table shown on a page and downloadable as CSV with the same rows and values. */
export interface DataTable<Row = unknown> {
  /** `?format=csv&table=NAME` downloads it. */
  readonly name: string;
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /**
   * Every row of the list, page by page, when the page shows only some (a page of
   * verbatims): the CSV is then streamed from here rather than taken from `rows`.
   */
  readonly allRows?: () => AsyncIterable<readonly Row[]>;
}

/** How a number shows: one decimal for fractional values, thousands separators for counts. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A signed score (+12.3, −4.0); an en dash for null. */
export function formatSigned(value: number | null): string {
  if (value === null) return '–';
  const text = value.toFixed(1);
  return value > 0 ? `+${text}` : text;
}

function defaultCell(value: CellValue): HtmlValue {
  if (value === null) return '–';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/**
 * The table as HTML. Sortable headers link to `sortHref(key)`; numeric cells carry
 * their raw value in `data-value` so tests and scripts read exact numbers.
 */
export function renderTable<Row>(
  table: DataTable<Row>,
  options: { csvHref?: string; sortHref?: (key: string) => string; sort?: { key: string; dir: 'asc' | 'desc' } } = {},
): SafeHtml {
  const columns = table.columns.filter((column) => column.csvOnly !== true);
  const header = columns.map((column) => {
    const label = options.sortHref === undefined ? column.label : html`<a href="${options.sortHref(column.key)}">${column.label}</a>`;
    const sorted = options.sort?.key === column.key ? (options.sort.dir === 'asc' ? 'ascending' : 'descending') : false;
    return html`<th scope="col" data-key="${column.key}"${sorted === false ? '' : html` aria-sort="${sorted}"`}${column.numeric === true ? html` class="num"` : ''}>${label}</th>`;
  });
  const body = table.rows.map(
    (row) =>
      html`<tr>${columns.map((column) => {
        const value = column.value(row);
        const content = column.cell === undefined ? defaultCell(value) : column.cell(row);
        return column.numeric === true
          ? html`<td class="num" data-key="${column.key}" data-value="${value === null ? '' : String(value)}">${content}</td>`
          : html`<td data-key="${column.key}">${content}</td>`;
      })}</tr>`,
  );
  const csv = options.csvHref === undefined ? '' : html` <a class="csv" href="${options.csvHref}" download>CSV</a>`;
  return html`<div class="table-wrap"><table id="table-${table.name}" data-table="${table.name}">
<caption>${table.caption}${csv}</caption>
<thead><tr>${header}</tr></thead>
<tbody>${body.length === 0 ? html`<tr><td colspan="${columns.length}" class="empty">Nothing matches these filters.</td></tr>` : body}</tbody>
</table></div>`;
}

function csvCells<Row>(table: DataTable<Row>, rows: readonly Row[]): unknown[][] {
  return rows.map((row) => table.columns.map((column) => defuseCell(column.value(row) ?? '')));
}

/**
 * The table as CSV in chunks (every column, formula-like cells defused): the header,
 * then one chunk a page of `allRows` (or `rows` when the table has no more than it shows).
 * A download is a file: it starts with the UTF-8 BOM, so Excel reads accents right.
 *
 * @example reply.send(Readable.from(tableCsvChunks(table)))
 */
export async function* tableCsvChunks<Row>(table: DataTable<Row>): AsyncGenerator<string> {
  yield UTF8_BOM + stringify([table.columns.map((column) => column.key)]);
  const pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]> = table.allRows?.() ?? [table.rows];
  for await (const rows of pages) {
    if (rows.length > 0) yield stringify(csvCells(table, rows), { cast: { boolean: String } });
  }
}

/** Rows sorted by a column's value (nulls last whatever the direction). */
export function sortRows<Row>(table: DataTable<Row>, key: string, dir: 'asc' | 'desc'): DataTable<Row> {
  const column = table.columns.find((candidate) => candidate.key === key);
  if (column === undefined) return table;
  const sign = dir === 'asc' ? 1 : -1;
  const rows = [...table.rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
  return { ...table, rows };
}

/** A table of any row type, for lists of tables (rows are only read through their own columns). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTable = DataTable<any>;
