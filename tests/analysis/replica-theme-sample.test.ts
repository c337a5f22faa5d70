import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replicaCounts } from '../../analysis/replica-counts.js';
import { sourceCounts } from '../../analysis/report-counts.js';
import { reportForScope } from '../../analysis/report-for-scope.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import { inReportSnapshot } from '../../analysis/report-snapshot.js';
import { customerFilters, type ViewerScope } from '../../analysis/viewer-scope.js';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import type { Respondent } from '../../core/vocabulary.js';
import { syncReplica } from '../../db/analytics-replica.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, mention, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/**
 * Root cause's quote candidates (`ReportCounts.themeSample`) picked on the replica as on
 * the source: the same ids in the same md5 order. Samples of 8 out of dozens, so a
 * wrong order or a filter missing on one side changes the ids; each side is also
 * checked against the fixture computed here, so a mistake made on both sides shows too.
 *
 * Answer `n` of 90 (customers) and 91–100 (employees): a month of January–June, a branch
 * (Lyon / Paris), a detractor or not, and its stored themes — `fees` (n % 3 = 0),
 * `fees.card` alone (n % 3 = 1: `fees` is its rolled-up parent), `advisor` (n % 3 = 2),
 * none every tenth answer.
 */
const NOW = new Date('2026-07-01T00:00:00Z');
const LIMIT = 8;

interface Answer {
  readonly verbatim: EnrichedVerbatim;
  /** Its themes as `themeTags` reads them, parents included. */
  readonly themes: readonly string[];
}

function answer(n: number): Answer {
  const respondent: Respondent = n > 90 ? 'employee' : 'customer';
  const stored = n % 10 === 0 ? [] : n % 3 === 0 ? ['fees'] : n % 3 === 1 ? ['fees.card'] : ['advisor'];
  const verbatim = surveyAnswer(n, {
    text: `Answer ${n} about the fees`,
    nps: n % 11,
    respondent,
    createdAt: `2026-0${1 + (n % 6)}-${String(10 + (n % 15))}T08:00:00.000Z`,
    segments: { branch: n % 2 === 0 ? 'Lyon' : 'Paris' },
  });
  const themes = stored.includes('fees.card') ? [...stored, 'fees'] : stored;
  return { verbatim: enriched(verbatim, { themes: stored.map((theme) => mention(theme, -0.5)) }), themes };
}

const ANSWERS: readonly Answer[] = Array.from({ length: 100 }, (_, i) => answer(i + 1));

/** The sample computed from the fixture: what both engines must return. */
function expectedSample(filters: ReportFilters, theme: string, limit: number): string[] {
  const md5 = (id: string) => createHash('md5').update(id).digest('hex');
  return ANSWERS.filter(({ verbatim, themes }) => {
    const { enrichment, respondent, createdAt, segments } = verbatim;
    const created = new Date(createdAt ?? NaN);
    return (
      themes.includes(theme) &&
      respondent === (filters.respondent ?? 'customer') &&
      (filters.from === undefined || created >= new Date(filters.from)) &&
      (filters.to === undefined || created < new Date(filters.to)) &&
      (filters.npsCategory === undefined || enrichment.npsCategory === filters.npsCategory) &&
      Object.entries(filters.segments ?? {}).every(([key, value]) => segments[key] === value)
    );
  })
    .map(({ verbatim }) => verbatim.id)
    .sort((a, b) => (md5(a) < md5(b) ? -1 : md5(a) > md5(b) ? 1 : 0))
    .slice(0, limit);
}

const SCOPE: ViewerScope = { role: { branch: 'Paris' }, filters: { to: '2026-05-01', npsCategory: 'detractor' }, theme: 'fees' };

const CASES: readonly (readonly [label: string, filters: ReportFilters, theme: string])[] = [
  ['a parent theme: its own rows and its sub-themes’ rolled-up ones', {}, 'fees'],
  ['a sub-theme from March in Lyon', { from: '2026-03-01', segments: { branch: 'Lyon' } }, 'fees.card'],
  ['employees', { respondent: 'employee' }, 'fees'],
  ['a viewer scoped to Paris, detractors before May', customerFilters(SCOPE), 'fees'],
];

forEachDatabase((database) => {
  let folder: string;
  const replicaPath = () => path.join(folder, 'analytics.duckdb');
  const both = async (filters: ReportFilters, theme: string, limit: number) =>
    inReportSnapshot(database().db, async (snapshot) => {
      const source = sourceCounts(snapshot);
      const replica = await syncReplica(snapshot, replicaPath());
      try {
        return { source: await source.themeSample(filters, theme, limit), replica: await replicaCounts(replica, source).themeSample(filters, theme, limit) };
      } finally {
        replica.close();
      }
    });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-theme-sample-'));
    const { db } = database();
    await truncateAll(db);
    const verbatims = ANSWERS.map(({ verbatim }) => verbatim);
    await insertVerbatims(db, verbatims);
    await saveEnrichments(db, verbatims);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it.each(CASES)('%s: the same ids in the same order on both engines', async (_label, filters, theme) => {
    const expected = expectedSample(filters, theme, LIMIT);
    // the whole matching set is larger than the sample, so the order decides which ids come out
    expect(expectedSample(filters, theme, 1000).length).toBeGreaterThan(LIMIT / 2);
    const { source, replica } = await both(filters, theme, LIMIT);
    expect(source).toEqual(expected);
    expect(replica).toEqual(expected);
  });

  it('a parent’s sample holds verbatims stored with the sub-theme only', () => {
    const subThemeOnly = new Set(ANSWERS.filter(({ themes }) => themes.includes('fees.card')).map(({ verbatim }) => verbatim.id));
    expect(expectedSample({}, 'fees', LIMIT).some((id) => subThemeOnly.has(id))).toBe(true);
  });

  it('a limit above the matches: every match, none for an unknown theme', async () => {
    const all = expectedSample({ segments: { branch: 'Lyon' } }, 'advisor', 1000);
    expect(await both({ segments: { branch: 'Lyon' } }, 'advisor', 1000)).toEqual({ source: all, replica: all });
    expect(await both({}, 'no_such_theme', LIMIT)).toEqual({ source: [], replica: [] });
  });

  it('root cause of a scoped report: the same quotes on both engines, from the scope’s verbatims', async () => {
    const { db } = database();
    const source = await reportForScope(db, SCOPE, ['root_cause'], NOW);
    const replica = await reportForScope(db, SCOPE, ['root_cause'], NOW, { replicaPath: replicaPath() });
    expect(replica.root_cause.verbatims).toEqual(source.root_cause.verbatims);
    const inScope = new Set(expectedSample(customerFilters(SCOPE), 'fees', 1000));
    expect(replica.root_cause.verbatims.length).toBeGreaterThan(0);
    for (const quote of replica.root_cause.verbatims) expect(inScope.has(quote.id)).toBe(true);
  });
});
