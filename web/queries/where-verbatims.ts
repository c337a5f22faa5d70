import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { scopeConditions } from '../../analysis/report-filters.js';
import { hasTheme } from '../../analysis/theme-tags.js';
import type { Database } from '../../db/schema.js';
import type { ViewFilters } from '../filters.js';
import { searchPattern } from './search-pattern.js';

/** The filters of a row listing (search, follow-ups): the view filters plus a theme and a text search. */
export interface RowFilters extends ViewFilters {
  readonly theme?: string;
  /** Substring of the text, case and accents aside (`frais caches` finds `Frais cachés`). */
  readonly q?: string;
}

type VerbatimScope = ExpressionBuilder<Database & { v: Database['verbatims'] }, 'v'>;

/**
 * The WHERE clause of a listing on `verbatims as v`: the report's conditions
 * (`scopeConditions`) and its theme test (`hasTheme`: a parent theme lists its
 * sub-themes' verbatims too), except that without `respondent` both customers and
 * employees are listed; plus the text search.
 */
export function whereRows(filters: RowFilters) {
  return (eb: VerbatimScope): Expression<SqlBool> => {
    const conditions = scopeConditions(eb, filters);
    if (filters.respondent !== undefined) conditions.push(eb('v.respondent', '=', filters.respondent));
    if (filters.theme !== undefined) conditions.push(hasTheme(filters.theme)(eb));
    if (filters.q !== undefined) conditions.push(sql<SqlBool>`v.text ~ ${searchPattern(filters.q)}`);
    return eb.and(conditions);
  };
}
