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

type VerbatimsScope = ExpressionBuilder<Database & { v: Database['verbatims'] }, 'v'>;

/**
 * The conditions of the filters on `verbatims as v`, respondent left out: the report
 * defaults it to customers (`whereFilters`) while a listing of verbatims shows both
 * when none is asked. One list, so a filter means the same in a report and a listing.
 */
export function scopeConditions(eb: VerbatimsScope, filters: Omit<ReportFilters, 'respondent'>): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.from !== undefined) conditions.push(eb('v.created_at', '>=', new Date(filters.from)));
  if (filters.to !== undefined) conditions.push(eb('v.created_at', '<', new Date(filters.to)));
  if (filters.source !== undefined) conditions.push(eb('v.source', '=', filters.source));
  if (filters.lang !== undefined) conditions.push(eb('v.lang', '=', filters.lang));
  if (filters.journey !== undefined) conditions.push(eb('v.journey', '=', filters.journey));
  if (filters.npsCategory !== undefined) conditions.push(eb('v.nps_category', '=', filters.npsCategory));
  for (const [key, value] of Object.entries(filters.segments ?? {})) {
    conditions.push(sql<SqlBool>`v.segments ->> ${key} = ${value}`);
  }
  return conditions;
}

/** The WHERE clause of every report query, on the `verbatims as v` alias (customers unless `respondent` says otherwise). */
export function whereFilters(filters: ReportFilters) {
  return (eb: VerbatimsScope): Expression<SqlBool> => eb.and([eb('v.respondent', '=', filters.respondent ?? 'customer'), ...scopeConditions(eb, filters)]);
}
