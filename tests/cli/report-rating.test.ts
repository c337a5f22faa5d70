import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_DRIVERS, EXPECTED_RATING, seedRatingData } from '../analysis/rating-fixture.js';
import { runCli } from './run-cli.js';
import { seededDataDir, type SeededDataDir } from './seeded-data-dir.js';

/** The built command on the hand-computed reviews of tests/analysis/rating-fixture.ts. */
describe('verbatim report: star ratings', () => {
  let seeded: SeededDataDir;
  let env: Record<string, string>;
  beforeAll(async () => {
    seeded = await seededDataDir('rating', seedRatingData);
    env = seeded.env;
  });
  afterAll(async () => {
    await seeded.remove();
  });

  it('--format json carries rating and rating_drivers', async () => {
    const run = await runCli(['report', '--format', 'json', '--source', 'reviews', '--min-count', '3'], { env });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { rating: unknown; rating_drivers: unknown };
    expect(report.rating).toEqual(EXPECTED_RATING);
    expect(report.rating_drivers).toEqual(EXPECTED_DRIVERS);
  });

  it('--format text prints the rating headline and the rating drivers', async () => {
    const run = await runCli(['report', '--source', 'reviews', '--min-count', '3'], { env });
    expect(run.stdout).toContain('Rating 3.25 / 5  95% CI [2.01, 4.49]  n = 8: 1★ 1, 2★ 2, 3★ 1, 4★ 2, 5★ 2');
    expect(run.stdout).toMatch(/fees\s+3\s+37\.5 %\s+1\.67\s+4\.20\s+-2\.53 \*\s+\[-3\.78, -1\.29\]/);
  });

  it('--format md of a survey without stars has no rating', async () => {
    const run = await runCli(['report', '--format', 'md', '--source', 'survey', '--min-count', '1'], { env });
    expect(run.stdout).toContain('**NPS +25.0**');
    expect(run.stdout).not.toContain('Rating');
  });
});
