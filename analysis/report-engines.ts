/**
 * Where a report's ported aggregates are counted: the system of record, the DuckDB replica, or
 * `auto` (the replica for large data, `report-engine-choice.ts`). A file of its own: the CLI's
 * environment validates `VERBATIM_REPORT_ENGINE` at every start, and must not load the report's
 * queries (`report-counts.ts` and its graph) to do so.
 */
export const REPORT_ENGINES = ['auto', 'source', 'duckdb'] as const;
export type ReportEngine = (typeof REPORT_ENGINES)[number];
