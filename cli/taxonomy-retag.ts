import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TaxonomyTagging, TaxonomyVersion } from '../analysis/taxonomy-editing.js';
import { countTagged } from '../db/taxonomy-retag-store.js';
import type { ModelPlaces } from '../pipeline/load-models.js';
import type { RetagProgress } from '../pipeline/taxonomy-retag.js';
import { modelPlaces, type CliContext } from './context.js';

/**
 * Re-tags every stored verbatim with `taxonomy` (themes only: sentiment, journey and the
 * rest stay), a progress line on stderr.
 *
 * @example await retagWithProgress(context, db, version.taxonomy, 'taxonomy import')
 */
export async function retagWithProgress(context: CliContext, db: Kysely<Database>, version: TaxonomyVersion, label: string): Promise<RetagProgress> {
  const { createProgress } = await import('../pipeline/progress.js');
  const progress = createProgress({ stream: context.stderr, total: await countTagged(db), label: `${label}: re-tag` });
  try {
    return await taxonomyTagging(modelPlaces(context), context.now, db).retag(version.row.version, version.taxonomy, ({ done }) => progress.update(done));
  } finally {
    progress.stop();
  }
}

/**
 * The pipeline's tagging under any taxonomy, over this database: `tagger` for previews,
 * `retag` to re-tag every stored verbatim with a version and mark it re-tagged. The CLI
 * uses it, and `serve` hands it to the theme editor (web/ cannot load models itself).
 */
export function taxonomyTagging(places: ModelPlaces, now: () => Date, db: Kysely<Database>): TaxonomyTagging {
  return {
    tagger: async (taxonomy) => (await import('../pipeline/taxonomy-retag.js')).openTaxonomyTagger(places, {}, taxonomy),
    retag: async (version, taxonomy, onProgress, signal) => {
      const [{ openTaxonomyTagger, retagAll }, { retagStore }, { markRetagged }] = await Promise.all([
        import('../pipeline/taxonomy-retag.js'),
        import('../db/taxonomy-retag-store.js'),
        import('../db/taxonomy-versions.table.js'),
      ]);
      const tagger = await openTaxonomyTagger(places, {}, taxonomy);
      const result = await retagAll({ store: retagStore(db), tagger, batchSize: 500, onProgress, ...(signal === undefined ? {} : { signal }) });
      await markRetagged(db, version, now());
      return result;
    },
  };
}

/**
 * What `serve` gives the theme editor: the pipeline's tagging over this database, and the
 * bundled taxonomy as version 1 when no version is stored yet.
 */
export function themeEditorServices(places: ModelPlaces, now: () => Date, db: Kysely<Database>) {
  return {
    tagging: taxonomyTagging(places, now, db),
    seed: async () => {
      const [{ DEFAULT_TAXONOMY_PATH }, { loadTaxonomy }] = await Promise.all([import('../models/fast-tier.js'), import('../models/themes/taxonomy.js')]);
      return { taxonomy: await loadTaxonomy(DEFAULT_TAXONOMY_PATH), note: { author: 'verbatim', message: 'the bundled taxonomy (samples/taxonomy/default.yaml)', now: now() } };
    },
  };
}
