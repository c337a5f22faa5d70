import { sql, type AliasedRawBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database, VerbatimThemesTable } from '../db/schema.js';
import { THEME_SEPARATOR, themeAncestors, withinTheme } from '../db/theme-hierarchy.js';

/** One row a verbatim and theme, sub-themes rolled up into their parents: the columns of `verbatim_themes`. */
export type ThemeTag = VerbatimThemesTable;

/**
 * The one definition of "the verbatim's themes" every report view reads: the stored
 * tags, plus each ancestor of a stored sub-theme (`fees` for `fees.card.atm`, by the
 * one definition of sub-themes, `db/theme-hierarchy.ts`) that is
 * not stored on that verbatim itself. So a parent counts once per verbatim whether it
 * was stored directly, through several sub-themes, or both. A rolled-up parent takes
 * the mean score of its sub-theme tags, `mixed` sentiment when they disagree, and the
 * evidence of the most confident one; a parent stored directly keeps its own tag.
 * Only the dotted tags are expanded, so a taxonomy without sub-themes costs one extra
 * filtered scan.
 *
 * @example db.selectFrom('verbatims as v').innerJoin(themeTags('t'), 't.verbatim_id', 'v.id')
 */
export function themeTags<A extends string>(alias: A): AliasedRawBuilder<ThemeTag, A> {
  return sql<ThemeTag>`(
    select st.verbatim_id, st.theme, st.sentiment, st.score, st.confidence, st.evidence from verbatim_themes st
    union all
    select up.verbatim_id, up.theme,
      case when bool_or(up.sentiment = 'negative') and bool_or(up.sentiment = 'positive') then 'mixed'
           when bool_or(up.sentiment = 'negative') then 'negative'
           when bool_or(up.sentiment = 'positive') then 'positive'
           else 'neutral' end,
      avg(up.score), max(up.confidence), (array_agg(up.evidence order by up.confidence desc, up.child))[1]
    from (
      select dt.verbatim_id, dt.theme as child, anc.theme, dt.sentiment, dt.score, dt.confidence, dt.evidence
      from verbatim_themes dt
      cross join lateral ${themeAncestors(sql.ref('dt.theme'))} anc
      where strpos(dt.theme, ${sql.lit(THEME_SEPARATOR)}) > 0
    ) up
    where not exists (select 1 from verbatim_themes own where own.verbatim_id = up.verbatim_id and own.theme = up.theme)
    group by up.verbatim_id, up.theme
  )`.as(alias);
}

/**
 * `v` carries `theme` or one of its sub-themes (the verbatims `themeTags` counts for
 * it): the theme filter of a trend or a listing, on `verbatims as v`.
 *
 * @example db.selectFrom('verbatims as v').where(hasTheme('fees')).selectAll()
 */
export function hasTheme(theme: string) {
  return (eb: ExpressionBuilder<Database & { v: Database['verbatims'] }, 'v'>): Expression<SqlBool> =>
    eb.exists(eb.selectFrom('verbatim_themes as ft').select('ft.theme').whereRef('ft.verbatim_id', '=', 'v.id').where(withinTheme(sql.ref('ft.theme'), theme)));
}
