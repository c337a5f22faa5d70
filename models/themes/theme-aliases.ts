import type { Taxonomy } from './taxonomy.js';

/**
 * Reads a theme id named by a model trained on an older taxonomy (the bundled or a
 * `verbatim train` classifier) under this taxonomy: the id itself when it is a theme,
 * the theme it was merged into when it is an alias, else undefined (the theme was
 * removed), so nothing writes an id the active taxonomy no longer has.
 *
 * @example currentThemeId(taxonomy)('advisor_quality') // 'people' once advisor_quality was merged into people
 */
export function currentThemeId(taxonomy: Taxonomy): (id: string) => string | undefined {
  const current = new Map<string, string>();
  for (const theme of taxonomy.themes) for (const alias of theme.aliases ?? []) current.set(alias, theme.id);
  for (const theme of taxonomy.themes) current.set(theme.id, theme.id);
  return (id) => current.get(id);
}
