import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { openDatabase } from '../../db/open-database.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { createPgliteDir } from '../support/databases.js';
import { surveyAnswer } from './verbatim-fixtures.js';

describe('openDatabase on a damaged embedded database', () => {
  it.each([['PG_VERSION']])('refuses a folder without %s, names it, and leaves the files as they were', async (missing) => {
    const { dataDir, remove } = await createPgliteDir();
    try {
      const first = await openDatabase({ dataDir });
      await insertVerbatims(first.db, [surveyAnswer(1), surveyAnswer(2)]);
      await first.close();
      const pgliteDir = path.join(dataDir, 'pglite');
      await rm(path.join(pgliteDir, missing), { recursive: true });
      const before = (await readdir(pgliteDir)).sort();
      const attempt = openDatabase({ dataDir });
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(`the embedded database folder ${pgliteDir} is damaged (missing ${missing})`);
      expect((await readdir(pgliteDir)).sort()).toEqual(before);
      // Refused again, not initialised the second time either; the lock was released.
      await expect(openDatabase({ dataDir })).rejects.toThrow('never re-initialises over existing files');
    } finally {
      await remove();
    }
  });

  it('still creates a database in an empty folder', async () => {
    const { dataDir, remove } = await createPgliteDir();
    try {
      await mkdir(path.join(dataDir, 'pglite'));
      const opened = await openDatabase({ dataDir });
      try {
        const row = await opened.db.selectFrom('verbatims').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
        expect(row.n).toBe(0);
      } finally {
        await opened.close();
      }
    } finally {
      await remove();
    }
  });
});

describe('openDatabase for a short read', () => {
  it('starts the embedded database with a small buffer pool, the same data, and the default pool otherwise', async () => {
    const { dataDir, remove } = await createPgliteDir();
    const pool = async (opened: Awaited<ReturnType<typeof openDatabase>>): Promise<string> =>
      (await sql<{ size: string }>`select current_setting('shared_buffers') as size`.execute(opened.db)).rows[0]?.size ?? '';
    try {
      const writer = await openDatabase({ dataDir });
      await insertVerbatims(writer.db, [surveyAnswer(1), surveyAnswer(2)]);
      expect(await pool(writer)).toBe('128MB');
      await writer.close();
      const reader = await openDatabase({ dataDir, shortRead: true });
      try {
        expect(await pool(reader)).toBe('16MB');
        const row = await reader.db.selectFrom('verbatims').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
        expect(row.n).toBe(2);
      } finally {
        await reader.close();
      }
    } finally {
      await remove();
    }
  });
});
