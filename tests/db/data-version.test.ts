import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncReplica } from '../../db/analytics-replica.js';
import { readDataVersion, readDataVersionState } from '../../db/data-version.js';
import { INCREMENTAL_SYNC } from '../../db/replica-sync-policy.js';
import { assignFollowup, closeFollowup, closeFollowups, listFollowups, openDetractorFollowups } from '../../db/followups.table.js';
import { migrationProvider } from '../../db/migrate.js';
import { openDatabase } from '../../db/open-database.js';
import { saveRetaggedThemes } from '../../db/taxonomy-retag-store.js';
import { activateTaxonomyVersion, activeOrSeedVersion, addTaxonomyVersion, markRetagged } from '../../db/taxonomy-versions.table.js';
import { countPending, exportVerbatims, forgetAuthor, insertVerbatims, pendingVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { createPostgresDatabase, forEachDatabase, truncateAll } from '../support/databases.js';
import { replicaContents } from './replica-contents.js';
import { collect, enriched, surveyAnswer } from './verbatim-fixtures.js';

const NOW = new Date('2026-03-12T09:00:00Z');
const taxonomy = (message: string) => ({ document: { themes: [] }, author: 'test', message, now: NOW });

forEachDatabase((database) => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-data-version-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('moves the replica version on every write reports read, the dashboard version on follow-ups too, neither on reads and writes that change nothing', async () => {
    const { db } = database();
    const rows = [surveyAnswer(1, { nps: 2, authorKey: 'a_gone' }), surveyAnswer(2, { nps: 9 })];
    const both = { replica: true, dashboard: true };
    const dashboard = { replica: false, dashboard: true };
    const neither = { replica: false, dashboard: false };
    const steps: [string, () => Promise<unknown>, { replica: boolean; dashboard: boolean }][] = [
      ['import', () => insertVerbatims(db, rows), both],
      ['import again (duplicates)', () => insertVerbatims(db, rows), neither],
      ['enrich', () => saveEnrichments(db, rows.map((row) => enriched(row)), { now: NOW }), both],
      ['re-enrich with other themes', () => saveEnrichments(db, rows.map((row) => enriched(row, { themes: [] })), { now: NOW }), both],
      ['enrich a verbatim that is gone', () => saveEnrichments(db, [enriched(surveyAnswer(99))]), neither],
      ['taxonomy seeded', () => activeOrSeedVersion(db, () => taxonomy('seed')), both],
      ['taxonomy seeded again', () => activeOrSeedVersion(db, () => taxonomy('seed')), neither],
      ['taxonomy version applied', () => addTaxonomyVersion(db, taxonomy('v2')), both],
      ['re-tag page saved', () => saveRetaggedThemes(db, [{ id: rows[1]!.id, themes: [{ theme: 'app', sentiment: 'positive', score: 0.5, confidence: 0.9, evidence: 'app' }] }]), both],
      ['re-tag finished', () => markRetagged(db, 2, NOW), both],
      ['taxonomy undone', () => activateTaxonomyVersion(db, 1), both],
      ['follow-ups opened', () => openDetractorFollowups(db, NOW), dashboard],
      ['follow-ups opened again (none new)', () => openDetractorFollowups(db, NOW), neither],
      ['follow-up assigned', () => assignFollowup(db, 1, 'Marie'), dashboard],
      ['unknown follow-up assigned', () => assignFollowup(db, 999, 'Marie'), neither],
      ['follow-up closed', () => closeFollowup(db, 1, 'called', NOW), dashboard],
      ['bulk close of nothing open', () => closeFollowups(db, { kind: 'overdue', at: NOW }, 'backlog', NOW), neither],
      ['reads', async () => {
        await collect(exportVerbatims(db, { batchSize: 10 }));
        await collect(pendingVerbatims(db, { batchSize: 10 }));
        await countPending(db);
        await listFollowups(db);
        (await syncReplica(db, path.join(folder, `r-${Math.random()}.duckdb`))).close();
      }, neither],
      ['forget', () => forgetAuthor(db, 'a_gone'), both],
      ['forget someone unknown', () => forgetAuthor(db, 'a_nobody'), neither],
    ];
    let before = { replica: await readDataVersion(db, 'replica'), dashboard: await readDataVersion(db, 'dashboard') };
    for (const [name, write, moves] of steps) {
      await write();
      const after = { replica: await readDataVersion(db, 'replica'), dashboard: await readDataVersion(db, 'dashboard') };
      expect({ replica: after.replica !== before.replica, dashboard: after.dashboard !== before.dashboard }, name).toEqual(moves);
      before = after;
    }
  });

  it('logs one entry per bump, contiguous, naming the verbatims each write touched', async () => {
    const { db } = database();
    const start = (await readDataVersionState(db)).changes;
    const rows = [surveyAnswer(1), surveyAnswer(2), surveyAnswer(3, { authorKey: 'a_gone' })];
    await insertVerbatims(db, rows);
    await saveEnrichments(db, rows.slice(0, 2).map((row) => enriched(row)));
    await addTaxonomyVersion(db, taxonomy('v1'));
    await forgetAuthor(db, 'a_gone');
    const { rows: log } = await sql<{ seq: string; ids: string[] }>`select seq::text, verbatim_ids as ids from data_changes order by seq`.execute(db);
    expect(log.map((entry) => [Number(entry.seq) - start, [...entry.ids].sort()])).toEqual([
      [1, rows.map((row) => row.id).sort()],
      [2, [rows[0]!.id, rows[1]!.id].sort()],
      [3, []],
      [4, [rows[2]!.id]],
    ]);
    expect((await readDataVersionState(db)).changes).toBe(start + 4);
  });

  it('prunes the log, oldest entries first, to what a replica could still apply, and keeps it contiguous', async () => {
    const { db } = database();
    const start = (await readDataVersionState(db)).changes;
    // 128 bumps of 100 ids: the log prunes every 64 bumps, beyond INCREMENTAL_SYNC.floor ids.
    await insertVerbatims(db, Array.from({ length: 12_800 }, (_, index) => surveyAnswer(index + 1)), { chunkSize: 100 });
    const { changes } = await readDataVersionState(db);
    expect(changes - start).toBe(128);
    const { rows } = await sql<{ n: number; low: string; high: string; ids: number }>`
      select count(*)::int as n, min(seq)::text as low, max(seq)::text as high,
        (max(ids_through) - min(ids_through - cardinality(verbatim_ids)))::int as ids
      from data_changes`.execute(db);
    const log = rows[0]!;
    expect(Number(log.low)).toBeGreaterThan(start + 1);
    expect([log.n, Number(log.high)]).toEqual([Number(log.high) - Number(log.low) + 1, changes]);
    // What is kept: at least the floor's worth of ids, at most that plus the bumps since the last prune.
    expect(log.ids).toBeGreaterThanOrEqual(INCREMENTAL_SYNC.floor);
    expect(log.ids).toBeLessThanOrEqual(INCREMENTAL_SYNC.floor + 64 * 100);
  });
});

describe('on PostgreSQL, with writers in parallel', () => {
  let url: string;
  let drop: () => Promise<void>;
  let folder: string;
  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase());
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-data-version-pg-'));
  });
  afterAll(async () => {
    await drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('takes version numbers in commit order: a second writer waits for the first to commit before it gets the next', async () => {
    const opened = await openDatabase({ databaseUrl: url });
    try {
      const { db } = opened;
      await truncateAll(db);
      const start = (await readDataVersionState(db)).changes;
      let releaseFirst: () => void = () => undefined;
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstBumped: () => void = () => undefined;
      const bumped = new Promise<void>((resolve) => (firstBumped = resolve));
      // The first writer bumps (insertVerbatims' last statement) and then stays open.
      const first = db.transaction().execute(async (trx) => {
        await insertVerbatims(trx, [surveyAnswer(1)]);
        firstBumped();
        await firstHolds;
      });
      await bumped;
      const second = insertVerbatims(db, [surveyAnswer(2)]);
      await waitUntil(async () => (await sql<{ n: number }>`select count(*)::int as n from pg_locks where not granted`.execute(db)).rows[0]?.n === 1);
      // While the first is open, a snapshot sees neither write and the version before both.
      const seen = await db.transaction().setIsolationLevel('repeatable read').execute(async (snapshot) => ({
        version: (await readDataVersionState(snapshot)).changes,
        verbatims: (await sql<{ n: number }>`select count(*)::int as n from verbatims`.execute(snapshot)).rows[0]?.n,
      }));
      expect(seen).toEqual({ version: start, verbatims: 0 });
      releaseFirst();
      await Promise.all([first, second]);
      const { rows } = await sql<{ seq: string; ids: string[] }>`select seq::text, verbatim_ids as ids from data_changes order by seq`.execute(db);
      expect(rows.map((row) => [Number(row.seq) - start, row.ids])).toEqual([
        [1, [surveyAnswer(1).id]],
        [2, [surveyAnswer(2).id]],
      ]);
    } finally {
      await opened.close();
    }
  });

  it('loses no change with eight writers at once: every snapshot synced incrementally equals a rebuild from that snapshot', async () => {
    const opened = await openDatabase({ databaseUrl: url });
    try {
      const { db } = opened;
      await truncateAll(db);
      const start = (await readDataVersionState(db)).changes;
      const answers = Array.from({ length: 160 }, (_, index) => surveyAnswer(index + 1, { nps: index % 11 }));
      await insertVerbatims(db, answers);
      const file = path.join(folder, 'analytics.duckdb');
      (await syncReplica(db, file)).close();
      let bumps = 1;
      let writing = true;
      const worker = async (w: number) => {
        const own = answers.filter((_, index) => index % 8 === w);
        for (let round = 0; round < 4; round += 1) {
          // Enrich (then re-enrich with other themes) in batches of five, and import a few new answers.
          for (let start = 0; start < own.length; start += 5) {
            const themes = round % 2 === 0 ? undefined : [{ theme: `t${w}.r${round}`, sentiment: 'negative' as const, score: -0.5, confidence: 0.8, evidence: 'x' }];
            await saveEnrichments(db, own.slice(start, start + 5).map((verbatim) => enriched(verbatim, themes === undefined ? {} : { themes })));
            bumps += 1;
          }
          await insertVerbatims(db, [surveyAnswer(1000 + w * 10 + round)]);
          bumps += 1;
        }
      };
      const syncs = async () => {
        let checked = 0;
        let fresh = 0;
        while (writing || checked === 0) {
          const result = await db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute(async (snapshot) => {
              const synced = await syncReplica(snapshot, file);
              const rebuilt = await syncReplica(snapshot, path.join(folder, `fresh-${++fresh}.duckdb`));
              try {
                return { synced: await replicaContents(synced), rebuilt: await replicaContents(rebuilt), applied: synced.applied !== null || synced.rebuilt === null };
              } finally {
                synced.close();
                rebuilt.close();
              }
            });
          expect(result.synced).toEqual(result.rebuilt);
          expect(result.applied).toBe(true);
          checked += 1;
        }
        return checked;
      };
      const checking = syncs();
      await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      writing = false;
      expect(await checking).toBeGreaterThan(0);
      const state = await readDataVersionState(db);
      expect(state.changes - start).toBe(bumps);
      // The log is contiguous: one entry for each bump since the truncate.
      const { rows } = await sql<{ n: number; low: string; high: string }>`select count(*)::int as n, min(seq)::text as low, max(seq)::text as high from data_changes`.execute(db);
      expect(rows[0]).toEqual({ n: bumps, low: String(start + 1), high: String(state.changes) });
      const last = await db.transaction().setIsolationLevel('repeatable read').execute(async (snapshot) => {
        const synced = await syncReplica(snapshot, file);
        const rebuilt = await syncReplica(snapshot, path.join(folder, 'fresh-last.duckdb'));
        try {
          return { synced: await replicaContents(synced), rebuilt: await replicaContents(rebuilt) };
        } finally {
          synced.close();
          rebuilt.close();
        }
      });
      expect(last.synced).toEqual(last.rebuilt);
      expect(last.synced['verbatims']).toHaveLength(160 + 32);
    } finally {
      await opened.close();
    }
  });

  it('upgrades a database made before the version row: counters from 0, a first sync rebuilds, the next applies', async () => {
    const { url: oldUrl, drop: dropOld } = await createPostgresDatabase();
    try {
      const first = await openDatabase({ databaseUrl: oldUrl });
      try {
        // Back to the schema before the version row, and a verbatim stored by that version.
        const migrator = new Migrator({ db: first.db, provider: migrationProvider });
        const { error } = await migrator.migrateTo('2026-12-06-0080-theme-labels-by-language');
        expect(error).toBeUndefined();
        await sql`insert into verbatims (id, source, content_hash, text, respondent) values ('v_old', 'old', 'h', 'stored before', 'customer')`.execute(first.db);
      } finally {
        await first.close();
      }
      const upgraded = await openDatabase({ databaseUrl: oldUrl });
      try {
        const state = await readDataVersionState(upgraded.db);
        expect(state).toEqual({ epoch: expect.stringMatching(/^[0-9a-f]{32}$/), changes: 0, followups: 0 });
        const file = path.join(folder, 'upgraded.duckdb');
        const rebuilt = await syncReplica(upgraded.db, file);
        rebuilt.close();
        expect(rebuilt.rebuilt?.verbatims).toBe(1);
        await insertVerbatims(upgraded.db, [surveyAnswer(1)]);
        const applied = await syncReplica(upgraded.db, file);
        applied.close();
        expect(applied.applied?.verbatims).toBe(1);
      } finally {
        await upgraded.close();
      }
    } finally {
      await dropOld();
    }
  });
});

/** Polls the database until `done` (a state that follows from the test's own steps, not a timing). */
async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the awaited state never came');
}
