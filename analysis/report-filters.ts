import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NpsCategory, Respondent } from '../core/vocabulary.js';

/** What a report covers; every query of the report applies all of it. */
export interface ReportFilters {
  /** Inclusive, ISO date or timestamp, on `created_at`. */
  readonly from?: string;
  /** Exclusive end: `--to 2026-07-01` covers June. */
  readonly to?: string;
  readonly segments?: Readonly<Record<string, string>>;
  readonly source?: string;
  /** customer (NPS, default) or employee (eNPS). */
  readonly respondent?: Respondent;
  /** Detected language (ISO 639-1, or `und`). */
  readonly lang?: string;
  /** Journey step id. */
  readonly journey?: string;
  readonly npsCategory?: NpsCategory;
}

/** The WHERE clause of every report query, on the `verbatims as v` alias. */
export function whereFilters(filters: ReportFilters) {
  return (eb: ExpressionBuilder<Database & { v: Database['verbatims'] }, 'v'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('v.respondent', '=', filters.respondent ?? 'customer')];
    if (filters.from !== undefined) conditions.push(eb('v.created_at', '>=', new Date(filters.from)));
    if (filters.to !== undefined) conditions.push(eb('v.created_at', '<', new Date(filters.to)));
    if (filters.source !== undefined) conditions.push(eb('v.source', '=', filters.source));
    if (filters.lang !== undefined) conditions.push(eb('v.lang', '=', filters.lang));
    if (filters.journey !== undefined) conditions.push(eb('v.journey', '=', filters.journey));
    if (filters.npsCategory !== undefined) conditions.push(eb('v.nps_category', '=', filters.npsCategory));
    for (const [key, value] of Object.entries(filters.segments ?? {})) {
      conditions.push(sql<SqlBool>`v.segments ->> ${key} = ${value}`);
    }
    return eb.and(conditions);
  };
}
