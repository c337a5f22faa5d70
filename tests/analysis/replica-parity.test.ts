import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ReportOptions } from '../../analysis/report.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { ALERTS_NOW, seedAlertsData } from './alerts-fixture.js';
import { RATING_NOW, seedRatingData } from './rating-fixture.js';
import { SLA_NOW, seedViews } from './views-fixture.js';

/**
 * "Same numbers as today": the hand-computed report fixtures, each built on the source
 * (the default) and with the ported sections counted in the DuckDB replica, must give
 * deep-equal reports — every section, ported or not, for a range of filters.
 */
const mention = (theme: string, score: number): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence: theme });

/** theme-roll-up.test.ts's data: `fees` stored directly, through `fees.card`, and both. */
async function seedSubThemes(db: Kysely<Database>): Promise<void> {
  await truncateAll(db);
  const answers = [
    { nps: 10, themes: [mention('fees', -0.2), mention('fees.card', -0.4)], date: '2026-02-10T09:30:00Z', branch: 'Lyon' },
    { nps: 0, themes: [mention('fees.card', -0.6)], date: '2026-03-05T09:30:00Z', branch: 'Lyon' },
    { nps: 2, themes: [mention('fees', -0.8)], date: '2026-03-06T09:30:00Z', branch: 'Paris' },
    { nps: 9, themes: [mention('app', 0.5)], date: '2026-02-11T09:30:00Z', branch: 'Paris' },
    { nps: 8, themes: [], date: '2026-03-07T09:30:00Z', branch: 'Paris' },
  ];
  const verbatims = answers.map((answer, index) => surveyAnswer(index + 1, { nps: answer.nps, createdAt: answer.date, segments: { branch: answer.branch } }));
  await insertVerbatims(db, verbatims);
  await saveEnrichments(db, verbatims.map((verbatim, index) => enriched(verbatim, { themes: answers[index]?.themes ?? [], journey: index < 3 ? 'billing_statements' : 'support_contact' })));
}

interface Fixture {
  readonly name: string;
  readonly seed: (db: Kysely<Database>) => Promise<void>;
  readonly now: Date;
  readonly cases: readonly (readonly [label: string, filters: ReportFilters, options: ReportOptions])[];
}

const VIEW_OPTIONS: ReportOptions = { minCount: 1, emerging: { recentDays: 20, baselineDays: 30, alpha: 0.2 }, momentThresholds: { positive: 0.1, negative: -0.1, minAnswers: 2 }, minGroup: 3 };

const FIXTURES: readonly Fixture[] = [
  {
    name: 'views fixture (views-fixture.ts)',
    seed: seedViews,
    now: SLA_NOW,
    cases: [
      ['everything, by month', {}, { ...VIEW_OPTIONS, granularity: 'month' }],
      ['everything, default granularity (weeks)', {}, VIEW_OPTIONS],
      ['one branch (Lyon)', { segments: { branch: 'Lyon' } }, VIEW_OPTIONS],
      ['a segment of one (Nice)', { segments: { branch: 'Nice' } }, { ...VIEW_OPTIONS, granularity: 'month' }],
      ['March only', { from: '2026-03-01', to: '2026-04-01' }, VIEW_OPTIONS],
      ['a timestamp bound inside a day', { from: '2026-02-11T09:30:00Z' }, VIEW_OPTIONS],
      ['employees (eNPS, anonymity floor)', { respondent: 'employee' }, VIEW_OPTIONS],
      ['detractors at one step', { npsCategory: 'detractor', journey: 'billing_statements' }, VIEW_OPTIONS],
      ['one language and source', { lang: 'en', source: 'nps-test' }, { ...VIEW_OPTIONS, minCount: 2 }],
      ['no rows in scope', { source: 'nowhere' }, VIEW_OPTIONS],
    ],
  },
  {
    name: 'ratings fixture (rating-fixture.ts)',
    seed: async (db) => {
      await truncateAll(db);
      await seedRatingData(db);
    },
    now: RATING_NOW,
    cases: [
      ['reviews and answers', {}, { minCount: 3 }],
      ['reviews only', { source: 'reviews' }, { minCount: 1 }],
      ['employee reviews', { respondent: 'employee' }, { minCount: 1 }],
    ],
  },
  {
    name: 'sub-themes rolled up (theme-roll-up.test.ts data)',
    seed: seedSubThemes,
    now: new Date('2026-03-08T00:00:00Z'),
    cases: [
      ['everything, by month', {}, { minCount: 1, granularity: 'month', segmentKeys: ['branch'], emerging: { recentDays: 20, baselineDays: 30 } }],
      ['Lyon by week', { segments: { branch: 'Lyon' } }, { minCount: 1, granularity: 'week' }],
    ],
  },
  {
    name: 'alerts fixture (weeks of themed answers)',
    seed: async (db) => {
      await truncateAll(db);
      await seedAlertsData(db);
    },
    now: ALERTS_NOW,
    cases: [
      ['everything', {}, {}],
      ['Lyon, by week', { segments: { branch: 'Lyon' } }, { granularity: 'week', minCount: 2 }],
    ],
  },
];

forEachDatabase((database) => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  describe.each(FIXTURES)('$name', (fixture) => {
    beforeAll(async () => {
      await fixture.seed(database().db);
    });

    it.each(fixture.cases)('%s: the DuckDB engine gives the same report as the source', async (_label, filters, options) => {
      const { db } = database();
      const replicaPath = path.join(folder, 'analytics.duckdb');
      const source = await buildReport(db, filters, fixture.now, options);
      const replica = await buildReport(db, filters, fixture.now, { ...options, replicaPath });
      expect(replica).toEqual(source);
      // Not vacuous: the ported sections hold numbers on these fixtures.
      if (filters.source !== 'nowhere') expect(replica.verbatims).toBeGreaterThan(0);
    });
  });
});
