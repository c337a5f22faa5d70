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
 * Widens the ENUM columns of `table` to hold every value of the page table `pageTable`, before the
 * page is inserted: a value the domain lacks would fail the insert's cast. A new value (a theme a
 * re-trained classifier adds, a new source) rewrites that one column (≈ 0.1 s at 1M rows).
 */
export async function widenEnums(replica: DuckDBConnection, table: EnumColumn['table'], pageTable: string): Promise<void> {
  for (const entry of REPLICA_ENUM_COLUMNS.filter((candidate) => candidate.table === table)) {
    const incoming = await strings(replica, `select distinct ${entry.page}::varchar as v from ${pageTable} where ${entry.page} is not null`);
    if (incoming.length === 0) continue;
    const domain = await currentDomain(replica, entry);
    const known = new Set(domain);
    const missing = incoming.filter((value) => !known.has(value));
    if (missing.length === 0) continue;
    await replica.run(`alter table ${entry.table} alter ${entry.column} set data type ${enumType([...domain, ...missing])}`);
  }
}

/**
 * The values the column can hold now: an ENUM's whole domain, read from the type DuckDB itself
 * renders (`ENUM('a', 'it''s')`), else the values present (a VARCHAR column: none yet, in a new file).
 */
async function currentDomain(replica: DuckDBConnection, entry: EnumColumn): Promise<string[]> {
  const [type] = await strings(
    replica,
    `select data_type as v from duckdb_columns()
     where database_name = current_database() and schema_name = 'main' and table_name = '${entry.table}' and column_name = '${entry.column}'`,
  );
  if (type?.startsWith('ENUM(') === true) return strings(replica, `select unnest(enum_range(null::${type}))::varchar as v`);
  return strings(replica, `select distinct ${entry.column}::varchar as v from ${entry.table} where ${entry.column} is not null`);
}

async function strings(replica: DuckDBConnection, text: string): Promise<string[]> {
  const reader = await replica.runAndReadAll(text);
  return reader.getRows().map((row) => String(row[0]));
}

function quoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
