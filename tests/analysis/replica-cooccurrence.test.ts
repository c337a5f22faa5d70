import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replicaCooccurrence } from '../../analysis/replica-cooccurrence.js';
import { inReportSnapshot } from '../../analysis/report-snapshot.js';
import { queryCooccurrence, type ThemePair } from '../../analysis/theme-cooccurrence.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { syncReplica } from '../../db/analytics-replica.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: theme });

/**
 * | answer | branch | themes tagged          | with `fees` (parents rolled up) |
 * |--------|--------|------------------------|---------------------------------|
 * | 1      | Lyon   | fees, fees.card, app   | app                             |
 * | 2      | Lyon   | fees, advisor          | advisor                         |
 * | 3      | Paris  | fees.card, app         | app (fees rolled up from fees.card) |
 * | 4      | Paris  | app                    | —                               |
 */
const ANSWERS: readonly (readonly [string, readonly string[]])[] = [
  ['Lyon', ['fees', 'fees.card', 'app']],
  ['Lyon', ['fees', 'advisor']],
  ['Paris', ['fees.card', 'app']],
  ['Paris', ['app']],
];

const sorted = (pairs: readonly ThemePair[]): ThemePair[] => [...pairs].sort((a, b) => a.theme.localeCompare(b.theme));

/** Root cause's co-occurrence counted on the replica as on the source, its own sub-themes and parents left out. */
forEachDatabase((database) => {
  let folder: string;
  const both = async (filters: ReportFilters, theme: string): Promise<{ source: ThemePair[]; replica: ThemePair[] }> =>
    inReportSnapshot(database().db, async (snapshot) => {
      const replica = await syncReplica(snapshot, path.join(folder, 'analytics.duckdb'));
      try {
        return { source: sorted(await queryCooccurrence(snapshot, filters, theme)), replica: sorted(await replicaCooccurrence(replica.connection, filters, theme)) };
      } finally {
        replica.close();
      }
    });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-cooccurrence-'));
    const { db } = database();
    await truncateAll(db);
    const answers = ANSWERS.map(([branch, themes], index) =>
      enriched(surveyAnswer(index + 1, { nps: 3, text: `answer ${index + 1}`, segments: { branch } }), { themes: themes.map(mention) }),
    );
    await insertVerbatims(db, answers);
    await saveEnrichments(db, answers);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('a parent theme: the other themes of its verbatims, its sub-themes left out', async () => {
    const { source, replica } = await both({}, 'fees');
    expect(source).toEqual([{ theme: 'advisor', count: 1 }, { theme: 'app', count: 2 }]);
    expect(replica).toEqual(source);
  });

  it('a sub-theme: its parent left out; filters apply', async () => {
    expect(await both({}, 'fees.card')).toEqual({ source: [{ theme: 'app', count: 2 }], replica: [{ theme: 'app', count: 2 }] });
    const lyon = await both({ segments: { branch: 'Lyon' } }, 'app');
    expect(lyon.source).toEqual([{ theme: 'fees', count: 1 }, { theme: 'fees.card', count: 1 }]);
    expect(lyon.replica).toEqual(lyon.source);
  });
});
