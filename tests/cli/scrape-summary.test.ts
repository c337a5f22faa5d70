import { describe, expect, it } from 'vitest';
import { describeSummary } from '../../cli/scrape.js';
import type { SourceSummary } from '../../scrapers/scrape-run.js';

const base: SourceSummary = {
  source: 'avis',
  skipped: undefined,
  failed: undefined,
  pages: 2,
  unchanged: 1,
  found: 3,
  inserted: 2,
  duplicates: 1,
  older: 0,
  errors: [],
  warnings: 0,
  aggregates: [],
  startUrls: 1,
  startFailures: 0,
  limited: false,
};

describe('scrape summary lines', () => {
  it.each([
    ['avis: 2 pages (1 unchanged), 3 reviews found, 2 new, 1 already there, 0 older than --since, 0 failed URLs, 0 warnings', base],
    ['avis: 2 pages (1 unchanged), 3 reviews found, 2 new, 1 already there, 0 older than --since, 0 failed URLs, 0 warnings (stopped at the source limits)', { ...base, limited: true }],
    ['avis: skipped: last run 6 h ago, schedule every 1 d (use --force to run now)', { ...base, skipped: 'last run 6 h ago, schedule every 1 d (use --force to run now)' }],
    ['avis: failed: could not write verbatims: disk full', { ...base, pages: 0, failed: 'could not write verbatims: disk full' }],
  ] as const)('%s', (line, summary) => {
    expect(describeSummary(summary)).toBe(line);
  });
});
