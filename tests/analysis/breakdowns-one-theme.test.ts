import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryBreakdowns, type Dimension, type GroupAggregate, type GroupThemeAggregate } from '../../analysis/breakdown-queries.js';
import { replicaBreakdowns } from '../../analysis/replica-breakdowns.js';
import { inReportSnapshot } from '../../analysis/report-snapshot.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { syncReplica } from '../../db/analytics-replica.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: theme });

/**
 * | answer | branch | NPS | themes tagged        | `fees` (parents rolled up) |
 * |--------|--------|-----|----------------------|----------------------------|
 * | 1      | Lyon   | 3   | fees, fees.card, app | yes                        |
 * | 2      | Lyon   | 9   | fees, advisor        | yes                        |
 * | 3      | Paris  | 3   | fees.card, app       | yes (from fees.card)       |
 * | 4      | Paris  | 10  | app                  | no                         |
 */
const ANSWERS: readonly (readonly [branch: string, nps: number, themes: readonly string[]])[] = [
  ['Lyon', 3, ['fees', 'fees.card', 'app']],
  ['Lyon', 9, ['fees', 'advisor']],
  ['Paris', 3, ['fees.card', 'app']],
  ['Paris', 10, ['app']],
];

const DIMENSIONS: readonly Dimension[] = [
  { name: 'source', kind: 'source' },
  { name: 'branch', kind: 'segment' },
];

interface Breakdowns {
  readonly groups: GroupAggregate[];
  readonly themes: GroupThemeAggregate[];
}

const ordered = ({ groups, themes }: Breakdowns): Breakdowns => ({
  groups: [...groups].sort((a, b) => `${a.dimension}|${a.value}`.localeCompare(`${b.dimension}|${b.value}`)),
  themes: [...themes].sort((a, b) => `${a.dimension}|${a.value}|${a.theme}`.localeCompare(`${b.dimension}|${b.value}|${b.theme}`)),
});

/** A root cause's breakdowns read one theme's rows: the same rows as every theme's, filtered, on the source and on the replica. */
forEachDatabase((database) => {
  let folder: string;
  const both = async (onlyTheme?: string): Promise<{ source: Breakdowns; replica: Breakdowns }> =>
    inReportSnapshot(database().db, async (snapshot) => {
      const replica = await syncReplica(snapshot, path.join(folder, 'analytics.duckdb'));
      try {
        return {
          source: ordered(await queryBreakdowns(snapshot, {}, DIMENSIONS, 'month', onlyTheme)),
          replica: ordered(await replicaBreakdowns(replica.connection, {}, DIMENSIONS, 'month', onlyTheme)),
        };
      } finally {
        replica.close();
      }
    });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-breakdowns-theme-'));
    const { db } = database();
    await truncateAll(db);
    const answers = ANSWERS.map(([branch, nps, themes], index) =>
      enriched(surveyAnswer(index + 1, { nps, text: `answer ${index + 1}`, segments: { branch } }), { themes: themes.map(mention) }),
    );
    await insertVerbatims(db, answers);
    await saveEnrichments(db, answers);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('gives the theme rows of that theme alone, as counted among all, and the groups whole', async () => {
    const every = await both();
    const fees = await both('fees');
    for (const side of ['source', 'replica'] as const) {
      expect(fees[side].groups).toEqual(every[side].groups);
      expect(fees[side].themes).toEqual(every[side].themes.filter((row) => row.theme === 'fees'));
    }
    expect(fees.replica).toEqual(fees.source);
    const byBranch = fees.source.themes.filter((row) => row.dimension === 'segment:branch').map(({ value, count, detractors, promoters }) => ({ value, count, detractors, promoters }));
    expect(byBranch).toEqual([
      { value: 'Lyon', count: 2, detractors: 1, promoters: 1 },
      { value: 'Paris', count: 1, detractors: 1, promoters: 0 },
    ]);
  });

  it('gives no theme rows for a theme nobody mentions', async () => {
    const none = await both('delivery');
    expect(none.source.themes).toEqual([]);
    expect(none.replica.themes).toEqual([]);
    expect(none.source.groups.length).toBeGreaterThan(0);
  });
});
