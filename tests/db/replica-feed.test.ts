import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EnrichedVerbatim, Verbatim } from '../../core/verbatim.js';
import { syncReplica } from '../../db/analytics-replica.js';
import { THEME_LINE_FIELDS, VERBATIM_LINE_FIELDS } from '../../db/analytics-replica-pages.js';
import { readDataVersion, readDataVersionState } from '../../db/data-version.js';
import type { EnrichedImportBatch } from '../../db/enriched-insert.js';
import { enrichedImportStore } from '../../db/import-store.js';
import { openReplicaFeed, ReplicaFeedMismatch, type ReplicaFeed } from '../../db/replica-feed.js';
import { FEED_THEME_KEYS, FEED_VERBATIM_KEYS } from '../../db/replica-feed-lines.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { syncAndRebuild } from './replica-contents.js';
import { enriched, mention, surveyAnswer } from './verbatim-fixtures.js';

const now = new Date('2026-12-07T08:00:00.000Z');

/**
 * Answers that exercise every column the feed computes: non-ASCII and emoji texts (length in code
 * points), an empty comment, a NUL, segments whose `jsonb` key order differs from JavaScript's
 * (`"10"` after `"a"`, keys given out of order) or not, no date, a rating, and sub-themes whose parents are rolled up (two children
 * under one parent, a parent carried itself, a theme given twice).
 */
function answers(from: number, count: number): Verbatim[] {
  const texts = ['Frais bancaires trop élevés, conseillère très aimable 😀', '', 'Die Gebühren sind zu hoch. Σίσυφος ΟΔΟΣ', 'NUL\u0000 inside, "quotes" and \\ backslash', '日本語のコメント、手数料が高い', 'the app crashes at login 🇫🇷🇫🇷'];
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    return surveyAnswer(n, {
      text: texts[n % texts.length] ?? '',
      createdAt: n % 9 === 0 ? null : `2026-0${1 + (n % 9)}-1${n % 10}T0${n % 10}:15:0${n % 10}.${String(n % 1000).padStart(3, '0')}Z`,
      nps: n % 13 === 0 ? null : n % 11,
      rating: n % 5 === 0 ? 3.5 : null,
      respondent: n % 4 === 0 ? 'employee' : 'customer',
      segments: [{}, { a: 'x', '10': 'dix', country: n % 2 === 0 ? 'FR' : 'BE', région: 'Île-de-France' }, { city: 'Lyon', country: 'FR' }, { country: 'BE', city: 'Gent', z: '' }][n % 4] ?? {},
    });
  });
}

function enrich(verbatim: Verbatim, n: number): EnrichedVerbatim {
  const themes = [
    [mention('fees.card', -0.6, 0.7), mention('fees.card.atm', 0.2, 0.95), mention('fees.transfer', -0.3, 0.5)],
    [mention('staff', 0.5, 0.6), mention('staff', 0.4, 0.8), mention('digital.app', -0.3)],
    [mention('fees', -0.2, 0.4), mention('fees.card', -0.5, 0.9)],
    [],
  ][n % 4];
  return enriched(verbatim, { themes, sentimentScore: (n % 7) / 7 - 0.5, journey: n % 2 === 0 ? 'everyday_use' : null, lang: n % 3 === 0 ? 'fr' : 'en' });
}

/** An import batch: most enriched, some failed (stored pending), one id given twice. */
function batchOf(verbatims: readonly Verbatim[]): EnrichedImportBatch {
  const failed = verbatims.filter((_, k) => k % 5 === 4).map((verbatim) => ({ verbatim, reason: 'model threw' }));
  const enrichedOnes = verbatims.filter((_, k) => k % 5 !== 4).map((verbatim, k) => enrich(verbatim, k));
  const first = enrichedOnes[0];
  return { enriched: first === undefined ? enrichedOnes : [...enrichedOnes, enriched(first, { themes: [mention('other', 0.9, 0.99)] })], failed };
}

forEachDatabase((database) => {
  let folder: string;
  let file: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-feed-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await truncateAll(database().db);
    file = path.join(folder, `analytics-${Math.random().toString(36).slice(2)}.duckdb`);
  });

  /** Stores the batches as `import --enrich` does, the feed taking each one. */
  async function importFeeding(feed: ReplicaFeed, batches: readonly EnrichedImportBatch[]): Promise<void> {
    const store = enrichedImportStore(database().db, {}, feed);
    for (const batch of batches) await store.store(batch, now);
  }

  it('writes the keys of the lines in the order of the rebuild fields', () => {
    expect(FEED_VERBATIM_KEYS).toEqual(VERBATIM_LINE_FIELDS);
    expect(FEED_THEME_KEYS).toEqual(THEME_LINE_FIELDS);
  });

  it('leaves, in a fresh database, the replica a rebuild writes: rows, theme rows and roll-up, phrases, state', async () => {
    const { db } = database();
    const feed = await openReplicaFeed(db, file, { pageSize: 7 });
    if (feed === undefined) throw new Error('expected a feed: no replica file and no verbatim');
    const all = answers(1, 40);
    // Batches of 10 (pages of 7: some pages span two batches); the last batch repeats rows of the first.
    await importFeeding(feed, [batchOf(all.slice(0, 10)), batchOf(all.slice(10, 20)), batchOf(all.slice(20, 30)), batchOf([...all.slice(30, 40), ...all.slice(0, 3)])]);
    const fed = await feed.seal(await readDataVersionState(db), file);
    expect(fed).toMatchObject({ verbatims: 40, version: await readDataVersion(db, 'replica') });

    const { how, synced, rebuilt } = await syncAndRebuild(db, file);
    expect(how).toBe('kept');
    expect(synced).toEqual(rebuilt);
    expect(synced['themes']).toContainEqual(expect.objectContaining({ theme: 'fees', rolled_up: true }));
    expect((synced['verbatims'] as { enriched: boolean }[]).filter((row) => !row.enriched)).toHaveLength(8);
    expect(await leftovers()).toEqual([]);
  });

  it('feeds on a replica already at the data version, and takes a batch that holds ids stored before', async () => {
    const { db } = database();
    const all = answers(100, 30);
    await insertVerbatims(db, all.slice(0, 12));
    await saveEnrichments(db, all.slice(0, 6).map((verbatim, k) => enrich(verbatim, k)), { now });
    const before = await syncReplica(db, file);
    before.close();
    const feed = await openReplicaFeed(db, file, { pageSize: 5 });
    if (feed === undefined) throw new Error('expected a feed: the replica is at the version');
    // The first batch holds 4 ids stored already: the feed reads which ones the INSERT took from the change log.
    await importFeeding(feed, [batchOf(all.slice(8, 20)), batchOf(all.slice(20, 30))]);
    await feed.seal(await readDataVersionState(db), file);
    const { how, synced, rebuilt } = await syncAndRebuild(db, file);
    expect(how).toBe('kept');
    expect(synced).toEqual(rebuilt);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses to seal when another write happened during the import; the replica is left as it was', async () => {
    const { db } = database();
    const all = answers(200, 20);
    await insertVerbatims(db, all.slice(0, 4));
    const before = await syncReplica(db, file);
    before.close();
    const versionBefore = await readDataVersion(db, 'replica');
    const feed = await openReplicaFeed(db, file, { pageSize: 3 });
    if (feed === undefined) throw new Error('expected a feed');
    await importFeeding(feed, [batchOf(all.slice(4, 12))]);
    // Another writer: an enrichment of rows the feed never saw.
    await saveEnrichments(db, all.slice(0, 2).map((verbatim, k) => enrich(verbatim, k)), { now });
    await importFeeding(feed, [batchOf(all.slice(12, 20))]);
    await expect(feed.seal(await readDataVersionState(db), file)).rejects.toThrow(ReplicaFeedMismatch);
    await feed.discard();
    // The file is the one from before the import: nothing of the feed reached it.
    expect(await heldState(file)).toEqual({ source_version: versionBefore, verbatims: 4 });
    expect(await leftovers()).toEqual([]);
    // The writer's sync then brings it to the version from the database.
    const { how, synced, rebuilt } = await syncAndRebuild(db, file);
    expect(how).toBe('applied');
    expect(synced).toEqual(rebuilt);
  });

  it('gives no feed for a replica at another version, nor without a file when the database holds verbatims', async () => {
    const { db } = database();
    await insertVerbatims(db, answers(300, 3));
    expect(await openReplicaFeed(db, file)).toBeUndefined();
    const replica = await syncReplica(db, file);
    replica.close();
    await insertVerbatims(db, answers(303, 2));
    expect(await openReplicaFeed(db, file)).toBeUndefined();
    expect(await leftovers()).toEqual([]);
  });

  it('gives way when a value cannot be computed as the database stores it (a date not in UTC ISO form)', async () => {
    const { db } = database();
    const feed = await openReplicaFeed(db, file);
    if (feed === undefined) throw new Error('expected a feed');
    const odd = surveyAnswer(400, { createdAt: '2026-03-10 09:30:00+02' });
    await importFeeding(feed, [{ enriched: [enrich(odd, 0)], failed: [] }]);
    expect(feed.spoiled).toContain('cannot compute');
    await expect(feed.seal(await readDataVersionState(db), file)).rejects.toThrow(ReplicaFeedMismatch);
    await feed.discard();
    await expect(access(file)).rejects.toThrow();
  });

  it('leaves no file claiming a version when discarded mid-import (a failed import)', async () => {
    const { db } = database();
    const feed = await openReplicaFeed(db, file, { pageSize: 2 });
    if (feed === undefined) throw new Error('expected a feed');
    await importFeeding(feed, [batchOf(answers(500, 10))]);
    await feed.discard();
    await expect(access(file)).rejects.toThrow();
    expect(await leftovers()).toEqual([]);
  });

  it('deletes what a killed import left beside the replica (a process that is gone), not a live one\'s', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const names = [`${path.basename(file)}.${gone}-0a1b2c3d.tmp`, `${path.basename(file)}.${gone}-0a1b2c3d.tmp.wal`, `${path.basename(file)}.${process.pid}-99887766.tmp`];
    for (const name of names) await writeFile(path.join(folder, name), 'partial');
    const feed = await openReplicaFeed(database().db, file);
    await feed?.discard();
    expect(await leftovers()).toEqual([`${path.basename(file)}.${process.pid}-99887766.tmp`]);
    await rm(path.join(folder, names[2] as string));
  });

  /** The state row of a replica file, read as it is. */
  async function heldState(at: string): Promise<Record<string, unknown>> {
    const instance = await DuckDBInstance.create(at, { access_mode: 'READ_ONLY' });
    try {
      const connection = await instance.connect();
      try {
        const rows = (await connection.runAndReadAll('select source_version, verbatims::integer as verbatims from replica_state')).getRowObjectsJS();
        return rows[0] ?? {};
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  }

  /** Files of this test's replica left in the folder besides the replica itself (temporary copies, logs). */
  async function leftovers(): Promise<string[]> {
    const base = path.basename(file);
    return (await readdir(folder)).filter((name) => name.startsWith(base) && name !== base);
  }
});
