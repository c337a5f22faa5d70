import { readThemeLabels, themeLabel, type ThemeLabels } from '../../analysis/theme-labels.js';
import { interfaceLanguage } from './interface-language.js';
import type { PageContext } from './page.js';

/**
 * The theme labels of the stored taxonomy for a page's chips and links, in the page's
 * interface language (`?ui=fr`: the taxonomy's French label where it has one, else the
 * default one), cached like the figures (the table changes only with the taxonomy, which
 * changes the data version too).
 *
 * @example const labels = await pageThemeLabels(context); themeLabel(labels, 'fees_pricing')
 */
export function pageThemeLabels(context: Pick<PageContext, 'db' | 'cache' | 'query' | 'acceptLanguage'>): Promise<ThemeLabels> {
  const language = interfaceLanguage(context.query, context.acceptLanguage);
  return context.cache.get(`theme-labels:${language}`, () => readThemeLabels(context.db, language));
}

/**
 * Report rows with their labels in the page's language: analysis/ labels rows with the
 * default label, and the cached report is shared by every interface language.
 *
 * @example driversTable(relabel(report.drivers, labels), params)
 */
export function relabel<T extends { readonly theme: string; readonly label: string }>(rows: readonly T[], labels: ThemeLabels): T[] {
  return rows.map((row) => ({ ...row, label: themeLabel(labels, row.theme) }));
}
