import { describe, expect, it } from 'vitest';
import { hiddenThemeCount, journeyRows } from '../../analysis/report.js';
import type { StepAggregate, StepThemeAggregate } from '../../analysis/report-queries.js';

/**
 * One step of 100 scored answers, 40 promoters / 20 passives / 40 detractors (NPS 0):
 * fees on 40 (0 / 5 / 35: NPS −87.5; without it 40 / 15 / 5: +58.3, so an impact of −58.3
 * whose interval stays below 0); app on 7 (3 / 1 / 3: NPS 0, and 0 without it: impact 0);
 * rare on 2, under the minimum count of 5.
 */
const STEP: StepAggregate = { step: 'billing_statements', n: 100, promoters: 40, passives: 20, detractors: 40 };
const CELLS: readonly StepThemeAggregate[] = [
  { step: 'billing_statements', theme: 'fees', count: 40, promoters: 0, passives: 5, detractors: 35 },
  { step: 'billing_statements', theme: 'app', count: 7, promoters: 3, passives: 1, detractors: 3 },
  { step: 'billing_statements', theme: 'rare', count: 2, promoters: 2, passives: 0, detractors: 0 },
];

describe('journeyRows: the journey cells', () => {
  const [row] = journeyRows([STEP], CELLS, 5, undefined, new Map([['fees', 'Fees and pricing']]));

  it.each([
    // theme, label (the taxonomy's, else the id), impact, significant
    ['fees', 'Fees and pricing', -58.3, true],
    ['app', 'app', 0, false],
  ] as const)('%s: labelled %j, impact %d, significant %s', (theme, label, impact, significant) => {
    const cell = row?.themes.find((t) => t.theme === theme);
    expect(cell).toMatchObject({ label, impact, significant });
    expect(cell?.ci95).toHaveLength(2);
    const [low, high] = cell?.ci95 ?? [0, 0];
    expect(low <= impact && impact <= high).toBe(true);
    // significant ⇔ the interval leaves 0 out
    expect(low > 0 || high < 0).toBe(significant);
  });

  it('leaves out the themes under the minimum count and counts them', () => {
    expect(row?.themes.map((t) => t.theme)).toEqual(['fees', 'app']);
    expect(row?.hidden_themes).toBe(1);
    expect(hiddenThemeCount(CELLS, 5)).toBe(1);
    expect(hiddenThemeCount(CELLS, 1)).toBe(0);
  });

  it('has no interval and no significance where the step has no score', () => {
    const unscored = { step: 'onboarding', n: 6, promoters: 0, passives: 0, detractors: 0 };
    const [onboarding] = journeyRows([unscored], [{ step: 'onboarding', theme: 'app', count: 6, promoters: 0, passives: 0, detractors: 0 }], 5);
    expect(onboarding?.themes).toEqual([{ theme: 'app', label: 'app', count: 6, impact: null, ci95: null, significant: false }]);
  });
});
