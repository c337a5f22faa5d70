import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enumType, enumValues, initialColumnType, widenPageEnums } from '../../db/analytics-replica-enums.js';
import { REPLICA_TABLES_SQL } from '../../db/analytics-replica-schema.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(REPLICA_TABLES_SQL);
});
afterEach(() => {
  connection.closeSync();
  instance.closeSync();
});

async function column(sqlText: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(sqlText);
  return reader.getRows().map((row) => String(row[0]));
}

async function columnType(table: string, name: string): Promise<string> {
  const [type] = await column(`select data_type from duckdb_columns() where table_name = '${table}' and column_name = '${name}'`);
  return type ?? '';
}

/** A page of theme rows as appendPage stages it: row id, theme, sentiment. */
async function stageThemes(rows: readonly (readonly [number, string, string])[]): Promise<void> {
  await connection.run('create or replace temp table page_themes (row_id integer, t varchar, s varchar)');
  for (const [rowId, theme, sentiment] of rows) {
    await connection.run('insert into page_themes values ($r, $t, $s)', { r: rowId, t: theme, s: sentiment });
  }
}

async function insertStaged(): Promise<void> {
  await connection.run('insert into verbatim_themes select row_id, t, s, 0, 0, 1, false from page_themes');
}

describe('the replica stores its categories as ENUMs', () => {
  it('starts fixed vocabularies as ENUMs in byte order, and open ones as VARCHAR', async () => {
    expect(await columnType('verbatims', 'nps_category')).toBe("ENUM('detractor', 'passive', 'promoter')");
    expect(await columnType('verbatim_themes', 'sentiment')).toBe("ENUM('mixed', 'negative', 'neutral', 'positive')");
    expect(await columnType('verbatim_themes', 'theme')).toBe('VARCHAR');
    expect(initialColumnType('verbatims', 'journey')).toBe('varchar');
    expect(() => initialColumnType('verbatims', 'segments')).toThrow(/not an ENUM column/);
  });

  it('quotes values and orders them by their UTF-8 bytes', () => {
    expect(enumType(["it's", 'b', 'B', 'é', 'b', '\u{1F600}', '\uFF01'])).toBe("enum('B', 'b', 'it''s', 'é', '\uFF01', '\u{1F600}')");
  });

  it('reads back the values of the type DuckDB renders, quotes, commas and parentheses included', async () => {
    const values = ["it's", 'a, b', "')", "''", 'é', ''];
    await connection.run(`create table odd (x ${enumType(values)})`);
    expect(enumValues(await columnType('odd', 'x')).sort()).toEqual([...values].sort());
    expect(enumValues('VARCHAR')).toEqual([]);
  });

  it('widens a column to every value a page brings, keeping the rows already there', async () => {
    await stageThemes([[1, 'fees', 'negative'], [2, "it's new", 'positive']]);
    await expect(connection.run("insert into verbatim_themes values (9, 'x', 'hopeful', 0, 0, 1, false)")).rejects.toThrow(/convert/i);
    await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
    await insertStaged();
    expect(await columnType('verbatim_themes', 'theme')).toBe("ENUM('fees', 'it''s new')");

    await stageThemes([[3, 'app', 'mixed'], [4, 'fees', 'neutral']]);
    await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
    await insertStaged();
    expect(await columnType('verbatim_themes', 'theme')).toBe("ENUM('app', 'fees', 'it''s new')");
    expect(await column('select theme from verbatim_themes order by row_id')).toEqual(['fees', "it's new", 'app', 'fees']);
    // an order by the column sorts as text would, a value added later included
    expect(await column('select theme from verbatim_themes order by theme, row_id')).toEqual(['app', 'fees', 'fees', "it's new"]);
    // a filter on a value the domain lacks finds nothing instead of failing
    expect(await column("select count(*) from verbatim_themes where theme = 'nowhere'")).toEqual(['0']);
  });

  it('leaves the column alone when the page brings nothing new, and widens a fixed vocabulary too', async () => {
    await stageThemes([[1, 'fees', 'negative']]);
    await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
    await insertStaged();
    const before = await columnType('verbatim_themes', 'theme');
    await stageThemes([[2, 'fees', 'hopeful']]);
    await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
    await insertStaged();
    expect(await columnType('verbatim_themes', 'theme')).toBe(before);
    expect(await columnType('verbatim_themes', 'sentiment')).toBe("ENUM('hopeful', 'mixed', 'negative', 'neutral', 'positive')");
  });

  it('keeps its domain once every row is gone, and widens it again', async () => {
    await stageThemes([[1, 'fees', 'negative']]);
    await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
    await insertStaged();
    await connection.run('delete from verbatim_themes');
    await stageThemes([[2, 'app', 'negative']]);
    await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
    await insertStaged();
    expect(await column('select theme from verbatim_themes')).toEqual(['app']);
    expect(await columnType('verbatim_themes', 'theme')).toBe("ENUM('app', 'fees')");
  });

  it('grows past 255 values (one-byte codes to two)', async () => {
    const themes = Array.from({ length: 300 }, (_, index) => `theme ${String(index).padStart(3, '0')}`);
    for (const chunk of [themes.slice(0, 200), themes.slice(200)]) {
      await stageThemes(chunk.map((theme, index) => [index, theme, 'neutral'] as const));
      await widenPageEnums(connection, [{ table: 'verbatim_themes', pageTable: 'page_themes' }]);
      await insertStaged();
    }
    expect(await column('select theme from verbatim_themes order by theme')).toEqual(themes);
  });
});
