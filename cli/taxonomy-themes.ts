import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { parentTheme } from '../db/theme-hierarchy.js';
import { syncThemes, type ThemeNode } from '../db/themes.table.js';
import type { Taxonomy } from '../models/themes/taxonomy.js';
import type { ModelChoice, ModelPlaces } from '../pipeline/load-models.js';

/**
 * The taxonomy's themes as rows of the `themes` table: the parent is the one the
 * file names, else the dotted one (`fees` for `fees.card`), so reports can label both.
 *
 * @example themeNodes(taxonomy) // [{ id: 'fees_pricing', parentId: null, label: 'Fees and pricing', description: null }, …]
 */
export function themeNodes(taxonomy: Taxonomy): ThemeNode[] {
  return taxonomy.themes.map((theme) => ({
    id: theme.id,
    parentId: theme.parent ?? parentTheme(theme.id),
    label: theme.label,
    description: theme.description ?? null,
  }));
}

/**
 * Writes the taxonomy an enrich run uses (`--taxonomy`, else the bundled one) into the
 * `themes` table, so reports and the dashboard show its labels rather than ids.
 *
 * @example await syncTaxonomyThemes(db, modelPlaces(context), options);
 * @returns how many themes were written.
 */
export async function syncTaxonomyThemes(db: Kysely<Database>, places: ModelPlaces, choice: ModelChoice): Promise<number> {
  const [{ DEFAULT_TAXONOMY_PATH }, { loadTaxonomy }] = await Promise.all([import('../models/fast-tier.js'), import('../models/themes/taxonomy.js')]);
  const file = choice.taxonomy === undefined ? DEFAULT_TAXONOMY_PATH : path.resolve(places.cwd, choice.taxonomy);
  return syncThemes(db, themeNodes(await loadTaxonomy(file)));
}
