import { Kysely, Migrator, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrationProvider, MIGRATIONS } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import { openDatabase, resolveDatabaseOptions } from '../../db/open-database.js';
import { ConfigError } from '../../core/errors.js';
import { createPgliteDir, createPostgresDatabase, forEachDatabase } from '../support/databases.js';
import { surveyAnswer } from './verbatim-fixtures.js';
import { insertVerbatims } from '../../db/verbatims.table.js';

const TABLES = ['alert_deliveries', 'alerts', 'author_tombstones', 'data_changes', 'data_version', 'followups', 'installation_settings', 'runs', 'sessions', 'sources', 'taxonomy_versions', 'themes', 'tokens', 'verbatim_themes', 'verbatims'];

forEachDatabase((database) => {
  it('creates every table of the schema with its indexes', async () => {
    const { db } = database();
    const tables = await db.introspection.getTables();
    expect(tables.map((table) => table.name).sort()).toEqual(TABLES);
    const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public'`.execute(db);
    const names = rows.map((row) => row.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        'verbatims_content_hash_idx',
        'verbatims_author_key_idx',
        'verbatims_created_at_id_idx',
        'verbatims_pending_idx',
        'verbatim_themes_pkey',
        'verbatim_themes_theme_idx',
        'followups_verbatim_id_key',
        'alerts_event_key_key',
      ]),
    );
    // Every enrichment rewrites the verbatim row and so adds an entry to each of its indexes: none that no reader uses.
    expect(names.filter((name) => ['verbatims_source_external_id_idx', 'verbatims_journey_idx', 'verbatims_nps_category_idx', 'verbatims_created_at_idx'].includes(name))).toEqual([]);
  });

  it('records every migration once and has nothing left to apply', async () => {
    const { db } = database();
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(rows.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS).sort());
    expect(await migrateToLatest(db)).toEqual([]);
  });
});

describe('openDatabase', () => {
  it('lets two processes open the same new PostgreSQL database at once: migrations run once', async () => {
    const { url, drop } = await createPostgresDatabase();
    try {
      const [first, second] = await Promise.all([openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url })]);
      try {
        expect([first.kind, second.kind]).toEqual(['postgres', 'postgres']);
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(first.db);
        expect(rows[0]?.n).toBe(Object.keys(MIGRATIONS).length);
      } finally {
        await Promise.all([first.close(), second.close(), first.close()]);
      }
    } finally {
      await drop();
    }
  });

  it('keeps a PGlite file database across close and reopen, and refuses a second opener meanwhile', async () => {
    const { dataDir, remove } = await createPgliteDir();
    try {
      const first = await openDatabase({ dataDir });
      try {
        expect(first.kind).toBe('pglite');
        await insertVerbatims(first.db, [surveyAnswer(1), surveyAnswer(2)]);
        await expect(openDatabase({ dataDir })).rejects.toThrow(/embedded database is in use by this process/);
      } finally {
        await first.close();
      }
      const again = await openDatabase({ dataDir });
      try {
        const row = await again.db.selectFrom('verbatims').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
        expect(row.n).toBe(2);
      } finally {
        await again.close();
        await again.close();
      }
    } finally {
      await remove();
    }
  });

  it('names the server and hides the password when PostgreSQL cannot be reached', async () => {
    const attempt = openDatabase({ databaseUrl: 'postgres://me:secret@127.0.0.1:1/nowhere' });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/cannot open the PostgreSQL database postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/nowhere \(DATABASE_URL\)/);
  });
});

describe('migrateToLatest', () => {
  it('applies the migrations a database lacks, and only those, whatever it already holds', async () => {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(await PGlite.create()) });
    try {
      const names = Object.keys(MIGRATIONS).sort();
      const olderBuild = names[names.length - 3] as string;
      const partial = await new Migrator({ db, provider: migrationProvider }).migrateTo(olderBuild);
      expect(partial.error).toBeUndefined();
      expect(await migrateToLatest(db)).toEqual(names.slice(-2));
      expect(await migrateToLatest(db)).toEqual([]);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      expect(rows.map((row) => row.name)).toEqual(names);
    } finally {
      await db.destroy();
    }
  });
});

describe('resolveDatabaseOptions', () => {
  it.each([
    [{}, { databaseUrl: undefined, dataDir: '/srv/app/.verbatim' }],
    [{ DATABASE_URL: '', VERBATIM_DATA_DIR: '' }, { databaseUrl: undefined, dataDir: '/srv/app/.verbatim' }],
    [{ VERBATIM_DATA_DIR: 'data' }, { databaseUrl: undefined, dataDir: '/srv/app/data' }],
    [{ VERBATIM_DATA_DIR: '/var/lib/verbatim' }, { databaseUrl: undefined, dataDir: '/var/lib/verbatim' }],
    [{ DATABASE_URL: 'postgres://u@db/x' }, { databaseUrl: 'postgres://u@db/x', dataDir: '/srv/app/.verbatim' }],
  ])('reads %j', (env, expected) => {
    expect(resolveDatabaseOptions(env, '/srv/app')).toEqual(expected);
  });

  it('rejects a DATABASE_URL that is not a postgres:// URL, without echoing a password', () => {
    expect(() => resolveDatabaseOptions({ DATABASE_URL: 'mysql://u:pw@db/x' }, '/srv/app')).toThrow(
      'DATABASE_URL: expected a postgres:// URL, got `mysql://u:***@db/x`',
    );
  });
});
