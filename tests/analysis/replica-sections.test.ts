import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentKeysOf } from '../../analysis/breakdown-queries.js';
import { buildReport, type Report, type ReportOptions } from '../../analysis/report.js';
import { reportForScope } from '../../analysis/report-for-scope.js';
import { buildRootCause } from '../../analysis/root-cause.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import type { ThemeMention } from '../../core/verbatim.js';
import type { JourneyStep, SentimentLabel } from '../../core/vocabulary.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/**
 * The sections ported after the first slice (segment choice, rating drivers, emerging
 * themes, moment matrix, eNPS, the suggested themes' sample) on a fixture where each of
 * them has something to count and something to leave out: answers without a comment in
 * both emerging windows, untagged comments sharing phrases, rated reviews, employees at
 * three steps, a segment key with a value per answer. The whole report must be the same
 * on both engines, and the sections must hold figures (not a vacuous equality).
 */
const NOW = new Date('2026-06-01T00:00:00Z');
const STEPS: readonly JourneyStep[] = ['support_contact', 'billing_statements', 'onboarding'];
const mention = (theme: string, score: number): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence: theme });

/** Answer `n` of 120: a day in February to May, a branch, a step, a theme or none, sometimes no comment. */
function customerAnswer(n: number) {
  const day = new Date(Date.UTC(2026, 1, 1) + ((n * 7919) % 118) * 86_400_000 + (n % 5) * 3_600_000).toISOString();
  const untagged = n % 4 === 0;
  const uncommented = n % 9 === 0;
  const text = uncommented ? '' : untagged ? `The parking lot ${n % 3 === 0 ? 'was full again' : 'is too small'}` : `Answer ${n} about the fees and the advisor`;
  // Fees rise in the last month so the emerging test has a signal.
  const recent = day >= '2026-05-01';
  const themes: ThemeMention[] = untagged || uncommented ? [] : recent || n % 3 === 0 ? [mention('fees', -0.5), mention('fees.card', -0.7)] : [mention('advisor', 0.6)];
  const sentiment: SentimentLabel = n % 3 === 0 ? 'negative' : n % 3 === 1 ? 'positive' : 'neutral';
  const verbatim = surveyAnswer(n, {
    text,
    nps: n % 11,
    createdAt: day,
    source: n % 5 === 0 ? 'reviews' : 'nps-test',
    rating: n % 5 === 0 ? (n % 4) + 1.5 : null,
    segments: { branch: ['Lyon', 'Paris', 'Nice'][n % 3] as string, Region: n % 2 === 0 ? 'North' : 'South', ref: `ref-${n}` },
  });
  return enriched(verbatim, { themes, journey: STEPS[n % 3] ?? null, sentiment, sentimentScore: sentiment === 'negative' ? -0.5 : 0.5 });
}

/** Twelve employees: positive at the first step, negative at the second, too few at the third. */
function employeeAnswer(n: number) {
  const step = n < 5 ? 0 : n < 10 ? 1 : 2;
  const verbatim = surveyAnswer(1000 + n, { respondent: 'employee', nps: 6 + (n % 5), createdAt: `2026-05-${String(10 + n).padStart(2, '0')}T08:00:00Z`, segments: { team: 'desk' } });
  return enriched(verbatim, { themes: [mention('workload', step === 1 ? -0.4 : 0.4)], journey: STEPS[step] ?? null, sentiment: step === 1 ? 'negative' : 'positive' });
}

async function seedMixed(db: Kysely<Database>): Promise<void> {
  await truncateAll(db);
  const answers = [...Array.from({ length: 120 }, (_, i) => customerAnswer(i + 1)), ...Array.from({ length: 12 }, (_, i) => employeeAnswer(i))];
  await insertVerbatims(db, answers);
  await saveEnrichments(db, answers);
}

const OPTIONS: ReportOptions = { minCount: 2, emerging: { recentDays: 31, baselineDays: 60, alpha: 0.5 }, momentThresholds: { positive: 0.1, negative: -0.1, minAnswers: 3 } };

const CASES: readonly (readonly [label: string, filters: ReportFilters, options: ReportOptions])[] = [
  ['everything', {}, OPTIONS],
  ['from April, in Lyon', { from: '2026-04-01', segments: { branch: 'Lyon' } }, OPTIONS],
  ['reviews only', { source: 'reviews' }, { ...OPTIONS, minCount: 1 }],
  ['employees', { respondent: 'employee' }, { ...OPTIONS, minCount: 1 }],
  ['default options', {}, {}],
];

forEachDatabase((database) => {
  let folder: string;
  const reports = new Map<string, { source: Report; replica: Report }>();
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-sections-'));
    await seedMixed(database().db);
    for (const [label, filters, options] of CASES) {
      const { db } = database();
      const source = await buildReport(db, filters, NOW, options);
      const replica = await buildReport(db, filters, NOW, { ...options, replicaPath: path.join(folder, 'analytics.duckdb') });
      reports.set(label, { source, replica });
    }
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const both = (label: string): { source: Report; replica: Report } => {
    const pair = reports.get(label);
    if (pair === undefined) throw new Error(`no report for ${label}`);
    return pair;
  };

  it.each(CASES)('%s: the whole report is the same on both engines', (label) => {
    const { source, replica } = both(label);
    expect(replica).toEqual(source);
  });

  it.each([
    ['a viewer scoped to Lyon', { role: { branch: 'Lyon' }, filters: { from: '2026-03-01' } }],
    ['every branch, employees', { filters: { respondent: 'employee' } }],
  ] as const)('reportForScope, %s: the replica engine gives the same sections', async (_label, scope) => {
    const { db } = database();
    const sections = ['summary', 'journey', 'report', 'moments', 'enps'] as const;
    const source = await reportForScope(db, scope, sections, NOW, OPTIONS);
    const replica = await reportForScope(db, scope, sections, NOW, { ...OPTIONS, replicaPath: path.join(folder, 'analytics.duckdb') });
    expect(replica).toEqual(source);
    expect(replica.summary.verbatims).toBeGreaterThan(0);
    expect(replica.moments.steps.length).toBeGreaterThan(0);
  });

  it.each([
    ['fees, everything', 'fees', {}],
    ['fees.card in Lyon from April', 'fees.card', { from: '2026-04-01', segments: { branch: 'Lyon' } }],
  ] as const)('root cause, %s: the replica engine gives the same root cause', async (_label, theme, filters) => {
    const { db } = database();
    const source = await buildRootCause(db, filters, theme, NOW);
    const replica = await buildRootCause(db, filters, theme, NOW, { replicaPath: path.join(folder, 'analytics.duckdb') });
    expect(replica).toEqual(source);
    expect(replica.driver?.count).toBeGreaterThan(0);
    expect(replica.segments.length + replica.journey.length).toBeGreaterThan(0);
  });

  describe('the ported sections hold figures on this fixture', () => {
    it('segment keys: the few-valued fields, in code-unit order; a value per answer is no segment', () => {
      const dimensions = both('everything').replica.breakdowns.map((breakdown) => breakdown.dimension);
      expect(dimensions).toEqual(['journey', 'source', 'period', 'Region', 'branch']);
    });

    it('rating drivers of the reviews', () => {
      const { replica } = both('reviews only');
      expect(replica.rating?.n).toBe(24);
      expect(replica.rating_drivers.map((row) => row.theme)).toEqual(expect.arrayContaining(['advisor', 'fees']));
    });

    it('emerging: both windows counted on commented answers only, and fees rising', () => {
      const { emerging } = both('everything').replica;
      expect(emerging.recent_docs).toBeGreaterThan(0);
      expect(emerging.baseline_docs).toBeGreaterThan(0);
      expect(emerging.themes.find((theme) => theme.theme === 'fees')?.emerging).toBe(true);
    });

    it('moment matrix and eNPS from the employees of the period', () => {
      const { moments, enps } = both('everything').replica;
      expect(moments.steps.map((cell) => [cell.step, cell.employee.signal])).toEqual([
        ['billing_statements', 'negative'],
        ['onboarding', 'none'],
        ['support_contact', 'positive'],
      ]);
      expect(enps?.nps.n).toBe(12);
      expect(enps?.drivers.map((driver) => driver.theme)).toEqual(['workload']);
    });

    it('suggested themes from the untagged comments', () => {
      const { suggested_themes: suggested } = both('everything').replica;
      expect(suggested.untagged).toBe(27);
      expect(suggested.clusters.map((cluster) => cluster.seed)).toEqual(expect.arrayContaining(['parking lot']));
    });
  });
});

describe('segmentKeysOf', () => {
  it.each([
    ['few values, in code-unit order (capitals first)', [{ key: 'branch', values: 3, n: 90 }, { key: 'Region', values: 2, n: 90 }], ['Region', 'branch']],
    ['more than one value for two answers: not a segment', [{ key: 'ref', values: 46, n: 90 }], []],
    ['over 50 values: not a segment', [{ key: 'city', values: 51, n: 10_000 }], []],
  ] as const)('%s', (_label, stats, expected) => {
    expect(segmentKeysOf(stats)).toEqual(expected);
  });
});
