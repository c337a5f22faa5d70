import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The one definition of "a theme with its sub-themes": a theme id is a path of
 * dot-separated names (`fees.card.atm`), and a parent theme covers itself and every
 * id below it (`fees` covers `fees`, `fees.card` and `fees.card.atm`, never `feesx`).
 * The parents of each stored sub-theme tag are written at save time by it
 * (`theme-rollup.ts`), so every reader — reports, the viewer's theme filter,
 * root-cause co-occurrence, the export's `--theme` — counts "how many verbatims are
 * about fees" the same way. It lives in `db/` because `db/` may import only `core/`.
 */
export const THEME_SEPARATOR = '.';

/**
 * Whether `theme` is `parent` or one of its sub-themes, in TypeScript.
 *
 * @example isWithinTheme('fees.card', 'fees') // true; isWithinTheme('feesx', 'fees') // false
 */
export function isWithinTheme(theme: string, parent: string): boolean {
  return theme === parent || theme.startsWith(`${parent}${THEME_SEPARATOR}`);
}

/**
 * The same test in SQL, on any two string expressions (a column and a value, or two
 * columns). A plain parameter is bound, never spliced into the text.
 *
 * @example db.selectFrom('verbatim_themes as t').where(withinTheme(sql.ref('t.theme'), 'fees'))
 */
export function withinTheme(theme: Expression<string> | RawBuilder<string>, parent: Expression<string> | RawBuilder<string> | string): RawBuilder<SqlBool> {
  const parentValue = typeof parent === 'string' ? sql<string>`${parent}::text` : parent;
  return sql<SqlBool>`(${theme} = ${parentValue} or starts_with(${theme}, ${parentValue} || ${sql.lit(THEME_SEPARATOR)}))`;
}

/**
 * The parent id of a sub-theme (`fees` for `fees.card`), null for a top-level theme.
 *
 * @example parentTheme('fees.card.atm') // 'fees.card'
 */
export function parentTheme(theme: string): string | null {
  const at = theme.lastIndexOf(THEME_SEPARATOR);
  return at === -1 ? null : theme.slice(0, at);
}

/**
 * Every ancestor of the stored tag in `column`, one row each, as the SQL of a lateral
 * FROM item with one column `theme` (`fees` and `fees.card` for `fees.card.atm`; none
 * for a top-level theme): how a sub-theme's tag is rolled up into its parents.
 *
 * @example sql`select a.theme from verbatim_themes dt cross join lateral ${themeAncestors(sql.ref('dt.theme'))} a`
 */
export function themeAncestors(column: RawBuilder<string> | Expression<string>): RawBuilder<{ theme: string }> {
  const separator = sql.lit(THEME_SEPARATOR);
  const parts = sql`string_to_array(${column}, ${separator})`;
  return sql<{ theme: string }>`(select array_to_string((${parts})[1:k], ${separator}) as theme from generate_series(1, array_length(${parts}, 1) - 1) k)`;
}
