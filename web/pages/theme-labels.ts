import { readThemeLabels, type ThemeLabels } from '../../analysis/theme-labels.js';
import type { PageContext } from './page.js';

/**
 * The theme labels of the stored taxonomy for a page's chips and links, cached like the
 * figures (the table changes only when `enrich` runs, which changes the data too).
 *
 * @example const labels = await pageThemeLabels(context); themeLabel(labels, 'fees_pricing')
 */
export function pageThemeLabels(context: Pick<PageContext, 'db' | 'cache'>): Promise<ThemeLabels> {
  return context.cache.get('theme-labels', () => readThemeLabels(context.db));
}
