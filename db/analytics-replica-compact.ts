import { rename, rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Rewrites the replica `file` with only its live rows. DuckDB keeps a deleted row's bytes in
 * the file (blocks are reused, not wiped), and the replica holds the phrases of comments: after
 * a sync that removed verbatims the source no longer has (`forget`), the words of those comments
 * must leave the file as they leave the source's (db/forget-person.ts compacts it). A copy of
 * the database (`COPY FROM DATABASE`) carries no deleted row and no free block.
 *
 * @example await compactReplica(temporaryFile) // the file closed, nobody else writing it
 */
export async function compactReplica(file: string): Promise<void> {
  const compact = `${file}.compact`;
  await removeDatabase(compact);
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`attach ${quoted(file)} as stale (read_only)`);
      await connection.run(`attach ${quoted(compact)} as compact`);
      await connection.run('copy from database stale to compact');
      await connection.run('detach stale');
      await connection.run('detach compact');
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    await removeDatabase(compact);
    throw error;
  } finally {
    instance.closeSync();
  }
  await removeDatabase(file);
  await rename(compact, file);
}

/** A path as a SQL string literal (ATTACH takes no parameter). */
function quoted(file: string): string {
  return `'${file.replaceAll("'", "''")}'`;
}

async function removeDatabase(file: string): Promise<void> {
  await Promise.all([rm(file, { force: true }), rm(`${file}.wal`, { force: true })]);
}
