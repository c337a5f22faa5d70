import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replicaCounts } from '../../analysis/replica-counts.js';
import { sourceCounts } from '../../analysis/report-counts.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { syncReplica, type AnalyticsReplica } from '../../db/analytics-replica.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: theme });

forEachDatabase((database) => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-counts-once-'));
    const { db } = database();
    await truncateAll(db);
    const answers = Array.from({ length: 12 }, (_, i) =>
      enriched(surveyAnswer(i + 1, { nps: i % 11, createdAt: `2026-0${(i % 3) + 1}-10T08:00:00Z`, segments: { branch: i % 2 === 0 ? 'Lyon' : 'Nice' } }), {
        themes: [mention(i % 3 === 0 ? 'fees' : 'advisor')],
        journey: 'support_contact',
      }),
    );
    await insertVerbatims(db, answers);
    await saveEnrichments(db, answers);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('asks the replica each question once per report, and gives every caller its own copy', async () => {
    const { db } = database();
    const replica = await syncReplica(db, path.join(folder, `replica-${Math.random().toString(36).slice(2)}.duckdb`));
    try {
      const statements: string[] = [];
      const connection = new Proxy(replica.connection, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property, target);
          if (property !== 'runAndReadAll' || typeof value !== 'function') return value;
          return (text: string, ...rest: unknown[]) => {
            statements.push(text);
            return (value as (...a: unknown[]) => unknown).call(target, text, ...rest);
          };
        },
      });
      const counts = replicaCounts({ ...replica, connection } satisfies AnalyticsReplica, sourceCounts(db));
      const dimensions = [{ name: 'branch', kind: 'segment' }] as const;
      const [first, second] = await Promise.all([counts.breakdowns({}, dimensions, 'month'), counts.breakdowns({}, dimensions, 'month')]);
      expect(statements).toHaveLength(1); // the groups and the themes, one statement, once
      expect(second).toEqual(first);
      expect(second).not.toBe(first);
      first.groups.length = 0;
      expect((await counts.breakdowns({}, dimensions, 'month')).groups.length).toBeGreaterThan(0);
      expect(statements).toHaveLength(1);
      // another question is asked
      await counts.breakdowns({ segments: { branch: 'Lyon' } }, dimensions, 'month');
      expect(statements).toHaveLength(2);
      expect((await counts.totals({})).verbatims).toBe(12);
      expect((await counts.totals({})).verbatims).toBe(12);
      expect(statements).toHaveLength(3);
    } finally {
      replica.close();
    }
  });
});
