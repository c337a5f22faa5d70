import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePeriods, type CompareOptions, type PeriodComparison } from '../../analysis/period-compare.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { COMPARE_PERIODS, EXPECTED_CONTRIBUTIONS, seedCompareData } from './period-compare-fixture.js';

/**
 * The hand-computed fixture of ./period-compare-fixture.ts (its table and sums), March
 * against February, counted on the database and on the DuckDB replica.
 */
forEachDatabase((database) => describe.each(['source', 'duckdb'] as const)('counted on %s', (engine) => {
  let comparison: PeriodComparison;
  let folder: string;
  let engineOptions: Pick<CompareOptions, 'replicaPath'> = {};
  beforeAll(async () => {
    const { db } = database();
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-compare-'));
    if (engine === 'duckdb') engineOptions = { replicaPath: path.join(folder, 'analytics.duckdb') };
    await truncateAll(db);
    await seedCompareData(db);
    const result = await comparePeriods(db, { filters: COMPARE_PERIODS.current }, COMPARE_PERIODS.previous, new Date('2026-04-02T00:00:00Z'), { ...engineOptions, minCount: 1 });
    if (result === null) throw new Error('expected a comparison');
    comparison = result;
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('NPS of both periods and the change', () => {
    expect([comparison.previous.score, comparison.current.score, comparison.change]).toEqual([16.7, -16.7, -33.3]);
    expect([comparison.previous.from, comparison.previous.to, comparison.current.from, comparison.current.to]).toEqual(['2026-02-01', '2026-03-01', '2026-03-01', '2026-04-01']);
  });

  it('contributions as computed by hand', () => {
    const rows = comparison.contributions.map((row) => [row.theme, row.volume_effect, row.rate_effect, row.total]);
    expect(rows).toEqual(EXPECTED_CONTRIBUTIONS);
    expect(comparison.contributions.find((row) => row.theme === 'fees')).toMatchObject({ share_previous: 0.4167, share_current: 0.5833, nps_previous: -20, nps_current: -42.9, residual: false });
  });

  it('the contributions add up to the change (to 0.1 point)', () => {
    const sum = comparison.contributions.reduce((total, row) => total + row.total, 0);
    expect(Math.abs(sum - (comparison.change ?? Number.NaN))).toBeLessThan(0.05 + 1e-9);
    for (const row of comparison.contributions) expect(row.volume_effect + row.rate_effect).toBeCloseTo(row.total, 9);
  });

  it('delta-method interval of the change: Var(y)/n per period', () => {
    // Var_A(y) = Var_B(y) = 5/6 − 1/36 = 29/36; se = 100·√(2·29/36/6) = 51.82; −33.33 ± 1.96·51.82
    expect(comparison.change_ci95).toEqual([-134.9, 68.2]);
    expect(comparison.change_direction).toBeNull();
  });

  it('volume share and negative share by the two-proportion z-test', () => {
    const fees = comparison.themes.find((row) => row.theme === 'fees');
    // volume: 3 of 6 → 4 of 6, pooled 7/12: z = (1/6)/√(7/12·5/12·(1/3)) = 0.59
    expect(fees?.volume_share).toMatchObject({ previous: 0.5, current: 0.6667, change: 16.7, z: 0.59, significant: false, direction: null });
    // negative mentions: a2, a4 of 3 → b1..b4 (b3 −0.2 and b4 −0.3 count as negative) 4 of 4
    expect(fees?.negative_share).toMatchObject({ previous: 0.6667, current: 1, significant: false });
  });

  it('the role scope applies: another branch has nothing to compare', async () => {
    const other = await comparePeriods(database().db, { role: { branch: 'Paris' }, filters: { from: '2026-03-01', to: '2026-04-01' } }, 'previous', new Date('2026-04-02T00:00:00Z'), engineOptions);
    expect(other).toMatchObject({ change: null, contributions: [], current: { n: 0 }, previous: { n: 0 } });
  });

  it('an open period ends at the last answer in scope', async () => {
    const open = await comparePeriods(database().db, { filters: { from: '2026-03-01' } }, COMPARE_PERIODS.previous, new Date('2026-04-02T00:00:00Z'), { ...engineOptions, minCount: 1 });
    // The last answer is on 8 March at 09:00: the period runs to the end of that day.
    expect(open?.current).toMatchObject({ from: '2026-03-01', to: '2026-03-09', n: 6 });
    expect(open?.change).toBe(-33.3);
  });
}));
