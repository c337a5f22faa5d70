import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ViewFilters } from '../filters.js';

/** The filters of a row listing (search, follow-ups): the view filters plus a theme and a text search. */
export interface RowFilters extends ViewFilters {
  readonly theme?: string;
  /** Case-insensitive substring of the text. */
  readonly q?: string;
}

type VerbatimScope = ExpressionBuilder<Database & { v: Database['verbatims'] }, 'v'>;

/**
 * The WHERE clause of a listing on `verbatims as v`. Same meaning as the report's
 * `whereFilters`, except that without `respondent` both customers and employees are listed.
 */
export function whereRows(filters: RowFilters) {
  return (eb: VerbatimScope): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.respondent !== undefined) conditions.push(eb('v.respondent', '=', filters.respondent));
    if (filters.from !== undefined) conditions.push(eb('v.created_at', '>=', new Date(filters.from)));
    if (filters.to !== undefined) conditions.push(eb('v.created_at', '<', new Date(filters.to)));
    if (filters.source !== undefined) conditions.push(eb('v.source', '=', filters.source));
    if (filters.lang !== undefined) conditions.push(eb('v.lang', '=', filters.lang));
    if (filters.journey !== undefined) conditions.push(eb('v.journey', '=', filters.journey));
    if (filters.npsCategory !== undefined) conditions.push(eb('v.nps_category', '=', filters.npsCategory));
    for (const [key, value] of Object.entries(filters.segments)) conditions.push(sql<SqlBool>`v.segments ->> ${key} = ${value}`);
    const theme = filters.theme;
    if (theme !== undefined) {
      // A parent theme lists its sub-themes' verbatims too, as the report counts them (themeTags).
      conditions.push(
        eb.exists(
          eb.selectFrom('verbatim_themes as ft').select('ft.theme').whereRef('ft.verbatim_id', '=', 'v.id').where(sql<SqlBool>`(ft.theme = ${theme} or starts_with(ft.theme, ${`${theme}.`}))`),
        ),
      );
    }
    if (filters.q !== undefined) conditions.push(eb('v.text', 'ilike', `%${escapeLike(filters.q)}%`));
    return eb.and(conditions);
  };
}

/** `%`, `_` and `\` matched literally in an ILIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
