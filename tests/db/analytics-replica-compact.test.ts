import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compactReplica } from '../../db/analytics-replica-compact.js';

/** Rows a table stores (deleted ones included: DuckDB keeps them until the file is rewritten) and rows it shows. */
async function rowsOf(file: string, table: string): Promise<{ stored: number; live: number; phrases: string[] }> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      const stored = await connection.runAndReadAll(
        `select coalesce(sum(count), 0)::integer as n from pragma_storage_info('${table}') where column_name = 'phrase' and segment_type <> 'VALIDITY'`,
      );
      const live = await connection.runAndReadAll(`select phrase from ${table} order by phrase_id`);
      const phrases = live.getRowObjectsJS().map((row) => String(row['phrase']));
      return { stored: Number(stored.getRowObjectsJS()[0]?.['n'] ?? 0), live: phrases.length, phrases };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-compact-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it("rewrites the file without its deleted rows: a forgotten comment's phrases leave it, the rest stays", async () => {
  const file = path.join(folder, "it's analytics.duckdb"); // a quote in the path: ATTACH takes a literal
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(`create table phrases (phrase_id integer not null, phrase varchar not null)`);
  await connection.run(`insert into phrases select i::integer, 'phrase ' || i from range(3000) t(i)`);
  await connection.run(`insert into phrases values (3000, 'jean dupont')`);
  await connection.run('checkpoint');
  await connection.run(`delete from phrases where phrase = 'jean dupont'`);
  await connection.run('checkpoint');
  connection.closeSync();
  instance.closeSync();
  const before = await rowsOf(file, 'phrases');
  expect([before.stored, before.live]).toEqual([3001, 3000]); // the deleted row is still in the file

  await compactReplica(file);

  const after = await rowsOf(file, 'phrases');
  expect([after.stored, after.live]).toEqual([3000, 3000]);
  expect(after.phrases).toEqual(before.phrases);
});
