import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEarlyReport } from '../../analysis/early-report.js';
import { buildReport, reportInSnapshot, type ReportOptions } from '../../analysis/report.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import { buildRootCause, computeRootCause } from '../../analysis/root-cause.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { syncReplica } from '../../db/analytics-replica.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/**
 * `startEarlyReport` counts on the replica file before the source is open, and its report is
 * used only when the file holds the version of the snapshot `finish` opens: then it is exactly
 * `buildReport`'s on the replica, and the file is not written; when the source moved on, the
 * early work is dropped and the caller's usual path counts the new data.
 */
const NOW = new Date('2026-06-01T00:00:00Z');
const OPTIONS: Omit<ReportOptions, 'replicaPath'> = { minCount: 1 };
const mention = (theme: string, score: number): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence: theme });

function answer(n: number) {
  const verbatim = surveyAnswer(n, {
    text: n % 4 === 0 ? `The parking ${n % 3 === 0 ? 'was full' : 'is small'}` : `Answer ${n} about fees`,
    nps: n % 11,
    createdAt: new Date(Date.UTC(2026, 2, 1) + (n % 80) * 86_400_000).toISOString(),
    segments: { branch: ['Lyon', 'Paris'][n % 2] as string },
  });
  return enriched(verbatim, { themes: n % 4 === 0 ? [] : [mention(n % 3 === 0 ? 'fees.card' : 'advisor', n % 3 === 0 ? -0.6 : 0.5)], journey: 'support_contact' });
}

async function seed(db: Kysely<Database>, from: number, to: number): Promise<void> {
  const answers = Array.from({ length: to - from + 1 }, (_, i) => answer(from + i));
  await insertVerbatims(db, answers);
  await saveEnrichments(db, answers);
}

/** The report of `filters`, started early on `file`. */
const earlyReport = (file: string, filters: ReportFilters) => startEarlyReport(file, (snapshot, counts) => reportInSnapshot(snapshot, { filters }, NOW, OPTIONS, counts));

forEachDatabase((database) => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-early-report-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    file = path.join(folder, `replica-${Date.now()}-${Math.random().toString(36).slice(2)}.duckdb`);
    await truncateAll(database().db);
    await seed(database().db, 1, 60);
    (await syncReplica(database().db, file)).close();
  });

  describe('an early report', () => {
    it('is the replica engine’s report when the file holds the source’s version, and leaves the file as it was', async () => {
      const { db } = database();
      const written = (await stat(file)).mtimeMs;
      const early = await earlyReport(file, { segments: { branch: 'Lyon' } });
      expect(early).toBeDefined();
      const report = await early?.finish(db);
      const usual = await buildReport(db, { segments: { branch: 'Lyon' } }, NOW, { ...OPTIONS, replicaPath: file });
      expect(report).toEqual(usual);
      expect(report?.verbatims).toBe(30);
      expect(report?.drivers.map((driver) => driver.theme)).toEqual(expect.arrayContaining(['advisor', 'fees', 'fees.card']));
      expect((await stat(file)).mtimeMs).toBe(written);
    });

    it('is dropped when the source moved on since the file was written; the usual path then counts the new rows', async () => {
      const { db } = database();
      const early = await earlyReport(file, {});
      await seed(db, 61, 70);
      expect(await early?.finish(db)).toBeUndefined();
      const usual = await buildReport(db, {}, NOW, { ...OPTIONS, replicaPath: file });
      expect(usual.verbatims).toBe(70);
    });

    it('gives a root cause the same way', async () => {
      const { db } = database();
      const early = await startEarlyReport(file, (snapshot, counts) => computeRootCause(snapshot, {}, 'fees', NOW, { replicaPath: file }, counts));
      const rootCause = await early?.finish(db);
      expect(rootCause).toEqual(await buildRootCause(db, {}, 'fees', NOW, { replicaPath: file }));
      expect(rootCause).toBeDefined();
    });

    it('can be abandoned, and there is none without a replica file', async () => {
      const early = await earlyReport(file, {});
      await early?.abandon();
      await early?.abandon();
      expect(await earlyReport(path.join(folder, 'missing.duckdb'), {})).toBeUndefined();
      // the file is free again: a sync may replace it
      (await syncReplica(database().db, file)).close();
    });
  });
});
