import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncReplica, withReplica, type AnalyticsReplica, type SyncOptions } from '../../db/analytics-replica.js';
import { replicaPathFor } from '../../db/analytics-replica-path.js';
import { rebuildReplica } from '../../db/analytics-replica-rebuild.js';
import { addTaxonomyVersion, markRetagged } from '../../db/taxonomy-versions.table.js';
import { forgetAuthor, insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { enriched, surveyAnswer } from './verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

async function rows(replica: AnalyticsReplica, query: string): Promise<Record<string, unknown>[]> {
  return (await replica.connection.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
}

describe('replicaPathFor', () => {
  it.each([
    ['/data/.verbatim', undefined, '/data/.verbatim/analytics.duckdb'],
    ['/data/.verbatim', 'postgres://u:secret@db.example:6543/cx', '/data/.verbatim/analytics-db.example-6543-cx.duckdb'],
    ['/data/.verbatim', 'postgresql://localhost/verbatim', '/data/.verbatim/analytics-localhost-5432-verbatim.duckdb'],
  ])('%s with %s → %s', (dataDir, url, expected) => {
    expect(replicaPathFor(dataDir, url)).toBe(expected);
  });
});

forEachDatabase((database) => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-db-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await truncateAll(database().db);
    file = path.join(folder, `analytics-${Math.random().toString(36).slice(2)}.duckdb`);
  });

  async function seed(count: number, from = 1) {
    const verbatims = Array.from({ length: count }, (_, index) => surveyAnswer(from + index, { createdAt: '2026-03-10T09:30:00.123456Z' }));
    await insertVerbatims(database().db, verbatims);
    await saveEnrichments(database().db, verbatims.map((verbatim) => enriched(verbatim)));
    return verbatims;
  }

  it('copies every verbatim and theme row, with integer row ids, exact UTC times and segments', async () => {
    await seed(4);
    // Row ids follow the source's id order: row 1 is the smallest id.
    const first = await database().db.selectFrom('verbatims').select(['segments']).orderBy('id').executeTakeFirstOrThrow();
    await withReplica(database().db, file, async (replica) => {
      expect(replica.rebuilt).toEqual({ verbatims: 4, themeRows: 8 });
      expect(await rows(replica, 'select count(*) as n, count(distinct row_id) as ids, min(row_id) as low, max(row_id) as high from verbatims')).toEqual([{ n: '4', ids: '4', low: 1, high: 4 }]);
      // The theme rows point at existing row ids: the join loses none.
      expect(await rows(replica, 'select count(*) as n from verbatim_themes t join verbatims v using (row_id)')).toEqual([{ n: '8' }]);
      // Microseconds kept: a filter bound between two microseconds cuts where the source cuts.
      expect(await rows(replica, "select strftime(created_at, '%Y-%m-%d %H:%M:%S.%f') as at from verbatims limit 1")).toEqual([{ at: '2026-03-10 09:30:00.123456' }]);
      const country = first.segments['country'];
      expect(await rows(replica, 'select segments[\'country\'] as country from verbatims where row_id = 1')).toEqual([{ country }]);
    });
  });

  it('copies verbatims that have no theme rows and are not enriched yet', async () => {
    await insertVerbatims(database().db, [surveyAnswer(1, { segments: {} }), surveyAnswer(2, { text: '' })]);
    await withReplica(database().db, file, async (replica) => {
      expect(replica.rebuilt).toEqual({ verbatims: 2, themeRows: 0 });
      expect(await rows(replica, 'select count(*) filter (where enriched) as enriched, count(*) filter (where commented) as commented, count(*) filter (where cardinality(segments) = 0) as unsegmented from verbatims')).toEqual([
        { enriched: '0', commented: '1', unsegmented: '1' },
      ]);
    });
  });

  it('reuses the file while the data version holds; rebuilds it first, then applies an import, an enrichment, a forget and a re-tag', async () => {
    const verbatims = await seed(2);
    const versions: string[] = [];
    const sync = async (): Promise<'rebuilt' | 'applied' | 'kept'> => {
      const replica = await syncReplica(database().db, file);
      versions.push(replica.version);
      replica.close();
      return replica.rebuilt !== null ? 'rebuilt' : replica.applied !== null ? 'applied' : 'kept';
    };
    expect(await sync()).toBe('rebuilt');
    expect(await sync()).toBe('kept');
    const third = surveyAnswer(3);
    await insertVerbatims(database().db, [third]);
    expect(await sync()).toBe('applied'); // import
    await saveEnrichments(database().db, [enriched(third)]);
    expect(await sync()).toBe('applied'); // enrich
    await forgetAuthor(database().db, [verbatims[0]!.authorKey!]);
    expect(await sync()).toBe('applied'); // forget
    const version = await addTaxonomyVersion(database().db, { document: { themes: [] }, author: 'test', message: 'retag', now: new Date('2026-12-06T09:00:00Z') });
    expect(await sync()).toBe('applied'); // a taxonomy version applied
    await markRetagged(database().db, version.version, new Date('2026-12-06T10:00:00Z'));
    expect(await sync()).toBe('applied'); // its re-tag finished
    expect(await sync()).toBe('kept');
    expect(new Set(versions).size).toBe(6);
  });

  it('two syncs at once both read a complete replica at the version, and leave no temporary file', async () => {
    await seed(5);
    const [one, two] = await Promise.all([syncReplica(database().db, file), syncReplica(database().db, file)]);
    try {
      for (const replica of [one!, two!]) expect(await rows(replica, 'select count(*) as n from verbatims')).toEqual([{ n: '5' }]);
    } finally {
      one?.close();
      two?.close();
    }
    expect((await readdir(folder)).filter((name) => name.startsWith(path.basename(file)))).toEqual([path.basename(file)]);
  });

  it.each<[string, SyncOptions]>([
    ['applies the changes to a copy', {}],
    ['rebuilds', { policy: { maxShare: 0, floor: 0 } }],
  ])('a reader keeps its version while a sync that %s replaces the file', async (_way, options) => {
    await seed(2);
    const old = await syncReplica(database().db, file);
    try {
      await seed(3, 10);
      const fresh = await syncReplica(database().db, file, options);
      try {
        expect(fresh.rebuilt?.verbatims ?? fresh.applied?.verbatims).toBe(options.policy === undefined ? 3 : 5);
        expect(await rows(old, 'select count(*) as n from verbatims')).toEqual([{ n: '2' }]);
        expect(await rows(fresh, 'select count(*) as n from verbatims')).toEqual([{ n: '5' }]);
      } finally {
        fresh.close();
      }
    } finally {
      old.close();
    }
  });

  it('pages through the source: a page size of 2 copies the same rows as one page', async () => {
    await seed(5);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      expect(await rebuildReplica(database().db, connection, { epoch: 'e', changes: 0, followups: 0 }, 2)).toEqual({ verbatims: 5, themeRows: 10 });
      const reader = await connection.runAndReadAll('select count(distinct row_id) as ids, (select count(distinct row_id) from verbatim_themes) as tagged from verbatims');
      expect(reader.getRowObjectsJson()).toEqual([{ ids: '5', tagged: '5' }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('a file that is not a replica is rebuilt, not read', async () => {
    await seed(1);
    const stray = await DuckDBInstance.create(file);
    stray.closeSync();
    await withReplica(database().db, file, async (replica) => {
      expect(replica.rebuilt?.verbatims).toBe(1);
    });
  });
});
