import type { DuckDBConnection } from '@duckdb/node-api';
import { NPS_CATEGORIES, RESPONDENTS, SENTIMENT_LABELS } from '../core/vocabulary.js';

/**
 * A replica column stored as a DuckDB `ENUM`: the reports group and filter on these, and DuckDB
 * groups a one-byte code several times faster than a string (the theme × dimensions breakdown at
 * 1M: 872 → 487 ms; journey × theme 293 → 96 ms; db/README.md, "The replica's categories as ENUMs").
 * `page` names the column of the page table the values arrive in; `initial` is the domain a new
 * file starts with (a column with none starts as VARCHAR: DuckDB has no empty ENUM).
 */
interface EnumColumn {
  readonly table: 'verbatims' | 'verbatim_themes';
  readonly column: string;
  readonly page: string;
  readonly initial: readonly string[];
}

/** Every ENUM column; `page` is the field of `page` (verbatims) or `page_themes` (theme rows) in db/analytics-replica-pages.ts. */
export const REPLICA_ENUM_COLUMNS: readonly EnumColumn[] = [
  { table: 'verbatims', column: 'source', page: 's', initial: [] },
  { table: 'verbatims', column: 'respondent', page: 'r', initial: RESPONDENTS },
  { table: 'verbatims', column: 'nps_category', page: 'k', initial: NPS_CATEGORIES },
  { table: 'verbatims', column: 'journey', page: 'j', initial: [] },
  { table: 'verbatims', column: 'sentiment', page: 'se', initial: SENTIMENT_LABELS },
  { table: 'verbatims', column: 'lang', page: 'l', initial: [] },
  { table: 'verbatim_themes', column: 'theme', page: 't', initial: [] },
  { table: 'verbatim_themes', column: 'sentiment', page: 's', initial: SENTIMENT_LABELS },
];

/**
 * `ENUM('a', 'b')` of these values in byte order, or VARCHAR when there are none. DuckDB orders an
 * ENUM by its values' positions: in byte order, an `order by` on the column sorts as on text.
 */
export function enumType(values: readonly string[]): string {
  const sorted = [...new Set(values)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return sorted.length === 0 ? 'varchar' : `enum(${sorted.map(quoted).join(', ')})`;
}

/** The column's type in a new replica file. */
export function initialColumnType(table: EnumColumn['table'], column: string): string {
  const found = REPLICA_ENUM_COLUMNS.find((entry) => entry.table === table && entry.column === column);
  if (found === undefined) throw new Error(`${table}.${column} is not an ENUM column of the replica`);
  return enumType(found.initial);
}

/**
 * The domains a connection has read or written, per column (`table.column`): a sync loads its pages
 * on one connection, which alone writes its copy of the file, so the domains read at its first page
 * hold until it widens them itself. Read for each page (up to three statements a column), they made
 * the incremental-sync tests (many small syncs, pages of 2 rows) 40 % slower.
 */
const knownDomains = new WeakMap<DuckDBConnection, Map<string, Set<string>>>();

/** A page table and the replica table its rows go to. */
export interface PageTable {
  readonly table: EnumColumn['table'];
  readonly pageTable: string;
}

/**
 * Widens the ENUM columns of each page table's replica table to hold every value of the page, before
 * the page is inserted: a value the domain lacks would fail the insert's cast. A new value (a theme a
 * re-trained classifier adds, a new source) rewrites that one column (≈ 0.1 s at 1M rows). For a
 * page's verbatims and its theme rows at once: one statement
 * reads the distinct values of every column of every page table, one scan a table, and the domains
 * are read once a connection, both tables in one statement. Small syncs pay a few milliseconds of
 * DuckDB planning per statement: what an incremental sync of a few rows spends here is mostly that.
 *
 * @example await widenPageEnums(connection, [{ table: 'verbatims', pageTable: 'page' }, { table: 'verbatim_themes', pageTable: 'page_themes' }])
 */
export async function widenPageEnums(replica: DuckDBConnection, pages: readonly PageTable[]): Promise<void> {
  const entries: EnumColumn[] = [];
  const scans: string[] = [];
  for (const { table, pageTable } of pages) {
    const columns = REPLICA_ENUM_COLUMNS.filter((candidate) => candidate.table === table);
    const first = entries.length;
    entries.push(...columns);
    // Two lists unnested side by side pair up: (column index, value) for every row and column.
    scans.push(`select unnest([${columns.map((_, index) => first + index).join(', ')}]) as c, unnest([${columns.map((entry) => `${entry.page}::varchar`).join(', ')}]) as v from ${pageTable}`);
  }
  if (entries.length === 0) return;
  const reader = await replica.runAndReadAll(`select distinct c, v from (${scans.join(' union all ')}) where v is not null`);
  const incoming = new Map<number, string[]>();
  for (const [column, value] of reader.getRows()) {
    const values = incoming.get(Number(column)) ?? [];
    values.push(String(value));
    incoming.set(Number(column), values);
  }
  if (incoming.size === 0) return;
  let domains = knownDomains.get(replica);
  if (domains === undefined) {
    domains = await readDomains(replica);
    knownDomains.set(replica, domains);
  }
  for (const [index, values] of incoming) {
    const entry = entries[index] as EnumColumn;
    const key = `${entry.table}.${entry.column}`;
    const domain = domains.get(key) ?? new Set<string>();
    const missing = values.filter((value) => !domain.has(value));
    if (missing.length === 0) continue;
    const widened = [...domain, ...missing];
    await replica.run(`alter table ${entry.table} alter ${entry.column} set data type ${enumType(widened)}`);
    domains.set(key, new Set(widened));
  }
}

/**
 * The values every ENUM column can hold now, by `table.column`, in one statement: the columns
 * selected from both tables with no row, their types read from the result (no catalog query:
 * `duckdb_columns()` took several times as long), an ENUM's domain parsed from the type as DuckDB
 * renders it (`ENUM('a', 'it''s')`); a VARCHAR column (a new file, or one whose values were all
 * null so far) holds no value yet — every page is widened for before it is inserted.
 */
async function readDomains(replica: DuckDBConnection): Promise<Map<string, Set<string>>> {
  const tables = [...new Set(REPLICA_ENUM_COLUMNS.map((entry) => entry.table))];
  const alias = (table: EnumColumn['table']): string => `t${tables.indexOf(table)}`;
  const reader = await replica.runAndReadAll(
    `select ${REPLICA_ENUM_COLUMNS.map((entry) => `${alias(entry.table)}.${entry.column}`).join(', ')}
     from ${tables.map((table) => `(select * from ${table} limit 0) ${alias(table)}`).join(' cross join ')}`,
  );
  const types = reader.columnTypes();
  const domains = new Map<string, Set<string>>();
  REPLICA_ENUM_COLUMNS.forEach((entry, index) => domains.set(`${entry.table}.${entry.column}`, new Set(enumValues(String(types[index] ?? '')))));
  return domains;
}

/** The values of a rendered `ENUM('a', 'it''s')`; none for any other type. */
export function enumValues(type: string): string[] {
  if (!type.startsWith('ENUM(')) return [];
  const values: string[] = [];
  let at = type.indexOf("'");
  while (at !== -1) {
    let value = '';
    let index = at + 1;
    for (;;) {
      const quote = type.indexOf("'", index);
      if (quote === -1) throw new Error(`not a rendered ENUM type: ${type}`);
      value += type.slice(index, quote);
      if (type[quote + 1] !== "'") {
        index = quote + 1;
        break;
      }
      value += "'";
      index = quote + 2;
    }
    values.push(value);
    at = type.indexOf("'", index);
  }
  return values;
}

function quoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
