import type { SourceConfig } from './scrape-config.js';
import { runScrape, type ScrapeRunOptions, type SourceSummary } from './scrape-run.js';

/**
 * The bookkeeping of a scrape: its `runs` row and the planner statistics after
 * the bulk write. db/run-log.ts implements it by shape (scrapers/ may not import db/).
 */
export interface ScrapeRunLog {
  startRun(now: Date): Promise<number>;
  finishRun(runId: number, status: 'succeeded' | 'failed', stats: Readonly<Record<string, unknown>>, now: Date): Promise<void>;
  refreshStatistics(): Promise<void>;
}

/**
 * `runScrape` with a `runs` row around it: `failed` when a source failed or the run
 * threw (the error recorded, then thrown on), else `succeeded`, with the totals.
 *
 * @example const summaries = await runRecordedScrape(config.sources, { client, store, now, runs: runLog(db, 'scrape') });
 */
export async function runRecordedScrape(sources: readonly SourceConfig[], options: ScrapeRunOptions & { readonly runs: ScrapeRunLog }): Promise<SourceSummary[]> {
  const { runs, now } = options;
  const runId = await runs.startRun(now());
  let summaries: SourceSummary[];
  try {
    summaries = await runScrape(sources, options);
  } catch (error) {
    await runs.finishRun(runId, 'failed', { error: error instanceof Error ? error.message : String(error) }, now());
    throw error;
  }
  const anySourceFailed = summaries.some((summary) => summary.failed !== undefined);
  await runs.finishRun(runId, anySourceFailed ? 'failed' : 'succeeded', scrapeStats(summaries), now());
  await runs.refreshStatistics();
  return summaries;
}

/** What the `runs` row records of a scrape: totals over its sources, and which failed. */
export function scrapeStats(summaries: readonly SourceSummary[]): Record<string, unknown> {
  const total = (pick: (summary: SourceSummary) => number): number => summaries.reduce((sum, summary) => sum + pick(summary), 0);
  return {
    sources: summaries.length,
    pages: total((summary) => summary.pages),
    found: total((summary) => summary.found),
    inserted: total((summary) => summary.inserted),
    duplicates: total((summary) => summary.duplicates),
    failedUrls: total((summary) => summary.errors.length),
    failedSources: summaries.filter((summary) => summary.failed !== undefined).map((summary) => summary.source),
  };
}
