import { sql, type AliasedRawBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database, VerbatimThemesTable } from '../db/schema.js';

/** One row a verbatim and theme, sub-themes rolled up into their parents: the columns of `verbatim_themes`. */
export type ThemeTag = Omit<VerbatimThemesTable, 'rolled_up'>;

/**
 * The one definition of "the verbatim's themes" every report view reads: the stored
 * tags, plus each ancestor of a stored sub-theme (`fees` for `fees.card.atm`, by the
 * one definition of sub-themes, `db/theme-hierarchy.ts`) that is not stored on that
 * verbatim itself. Those parents are written at save time (`db/theme-rollup.ts`:
 * mean score of the sub-theme tags, `mixed` when they disagree), so a parent counts
 * once per verbatim whether it was stored directly, through several sub-themes, or
 * both, and no report query derives parents again: this is the stored rows as they are.
 *
 * @example db.selectFrom('verbatims as v').innerJoin(themeTags('t'), 't.verbatim_id', 'v.id')
 */
export function themeTags<A extends string>(alias: A): AliasedRawBuilder<ThemeTag, A> {
  return sql<ThemeTag>`(select st.verbatim_id, st.theme, st.sentiment, st.score, st.confidence, st.evidence from verbatim_themes st)`.as(alias);
}

/**
 * `v` carries `theme` or one of its sub-themes (the verbatims `themeTags` counts for
 * it): the theme filter of a trend or a listing, on `verbatims as v`.
 *
 * @example db.selectFrom('verbatims as v').where(hasTheme('fees')).selectAll()
 */
export function hasTheme(theme: string) {
  return (eb: ExpressionBuilder<Database & { v: Database['verbatims'] }, 'v'>): Expression<SqlBool> =>
    eb.exists(eb.selectFrom('verbatim_themes as ft').select('ft.theme').whereRef('ft.verbatim_id', '=', 'v.id').where('ft.theme', '=', theme));
}
