import type { Kysely } from 'kysely';
import { refreshPlannerStatistics } from './planner-statistics.js';
import { finishRun, startRun, type RunStatus } from './runs.table.js';
import type { Database } from './schema.js';

/**
 * A run's bookkeeping in the database: its `runs` row of `kind`, and the planner
 * statistics refreshed after its bulk write. The shape scrapers/'s `ScrapeRunLog`
 * asks for (db/ may not import scrapers/); the CLI hands one to the other.
 *
 * @example await runRecordedScrape(sources, { client, store, now, runs: runLog(db, 'scrape') });
 */
export function runLog(db: Kysely<Database>, kind: string) {
  return {
    startRun: (now: Date): Promise<number> => startRun(db, kind, now),
    finishRun: (runId: number, status: Exclude<RunStatus, 'running'>, stats: Readonly<Record<string, unknown>>, now: Date): Promise<void> =>
      finishRun(db, runId, status, stats, now),
    refreshStatistics: (): Promise<void> => refreshPlannerStatistics(db),
  };
}
