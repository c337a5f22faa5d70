import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { activeTaxonomy, themeNodes, type TaxonomyVersion } from '../analysis/taxonomy-editing.js';
import type { Database } from '../db/schema.js';
import { syncThemes } from '../db/themes.table.js';
import type { ModelChoice, ModelPlaces } from '../pipeline/load-models.js';

export { themeNodes } from '../analysis/taxonomy-editing.js';

/**
 * The taxonomy an enrich run tags with, written into the `themes` table so reports and
 * the dashboard show its labels. `--taxonomy FILE` is used as given; otherwise the
 * database's active taxonomy version (what the theme editor applied). On an empty
 * versions table the file used (`--taxonomy`, else the bundled one) is stored as version 1. The models read a taxonomy from a file (in
 * enrichment threads too): the version is written to `DATA_DIR/taxonomy/version-N.json`.
 *
 * @example const choice = await syncTaxonomyThemes(db, modelPlaces(context), options); await enrichPending({ …, choice });
 * @returns the model choice to enrich with (its `taxonomy` set to the version's file).
 */
export async function syncTaxonomyThemes<T extends ModelChoice>(db: Kysely<Database>, places: ModelPlaces, choice: T, now: Date = new Date()): Promise<T> {
  const [{ DEFAULT_TAXONOMY_PATH }, { loadTaxonomy }] = await Promise.all([import('../models/fast-tier.js'), import('../models/themes/taxonomy.js')]);
  if (choice.taxonomy !== undefined) {
    const file = path.resolve(places.cwd, choice.taxonomy);
    const taxonomy = await loadTaxonomy(file);
    // The file a database starts with is its version 1; later, an explicit file is used as given and stored as nothing.
    await activeTaxonomy(db, () => ({ taxonomy, note: { author: 'verbatim', message: `from ${path.basename(file)}`, now } }));
    await syncThemes(db, themeNodes(taxonomy));
    return choice;
  }
  const seed = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
  const active = await activeTaxonomy(db, () => ({ taxonomy: seed, note: { author: 'verbatim', message: 'the bundled taxonomy (samples/taxonomy/default.yaml)', now } }));
  await syncThemes(db, themeNodes(active.taxonomy));
  return { ...choice, taxonomy: await versionFile(places.dataDir, active) };
}

/**
 * The version as a JSON taxonomy file under the data directory (rewritten: a file is cheaper
 * than trusting an old one). Written to a temp file and renamed over it: workers started
 * together write the same file while others already read it, and must never read half of it.
 */
export async function versionFile(dataDir: string, version: TaxonomyVersion): Promise<string> {
  const dir = path.resolve(dataDir, 'taxonomy');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `version-${version.row.version}.json`);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(draft, `${JSON.stringify(version.taxonomy, null, 2)}\n`, 'utf8');
  await rename(draft, file);
  return file;
}
