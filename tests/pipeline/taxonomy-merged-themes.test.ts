import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { taxonomyTagging } from '../../cli/taxonomy-retag.js';
import { syncTaxonomyThemes } from '../../cli/taxonomy-themes.js';
import type { Verbatim } from '../../core/verbatim.js';
import { activeTaxonomy, applyEdit, storeTaxonomyVersion, type Taxonomy } from '../../analysis/taxonomy-editing.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { loadModels, type ModelPlaces } from '../../pipeline/load-models.js';
import { EDITOR_NOW, seedEditorData } from '../web/theme-editor-fixture.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';

/**
 * The bundled classifiers learned `advisor_quality` and tag it on "The staff were polite"
 * where no taxonomy rule does: after a merge or a removal in the editor, neither the re-tag
 * nor a later enrich may write it back.
 */
forEachDatabase((database) => {
  let places: ModelPlaces;
  let cleanup: () => Promise<void>;
  let next = 100;

  beforeAll(async () => {
    const seeded = await seedEditorData(database().db);
    places = seeded.places;
    cleanup = seeded.cleanup;
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
  });

  const storedThemes = async (): Promise<Map<string, string[]>> => {
    const { rows } = await sql<{ text: string; theme: string }>`select v.text, t.theme from verbatim_themes t join verbatims v on v.id = t.verbatim_id order by t.theme`.execute(database().db);
    const out = new Map<string, string[]>();
    for (const row of rows) out.set(row.text, [...(out.get(row.text) ?? []), row.theme]);
    return out;
  };

  /** A new version, applied and re-tagged as the editor does it. */
  const applyAndRetag = async (taxonomy: Taxonomy, message: string): Promise<void> => {
    const { db } = database();
    const stored = await storeTaxonomyVersion(db, taxonomy, { author: 'test', message, now: EDITOR_NOW });
    await taxonomyTagging(places, () => EDITOR_NOW, db).retag(stored.row.version, stored.taxonomy, () => undefined);
  };

  /** New answers enriched as `verbatim enrich` does, with the active version; their themes. */
  const enrichNew = async (texts: readonly string[]): Promise<string[][]> => {
    const { db } = database();
    const verbatims: Verbatim[] = texts.map((text) => surveyAnswer((next += 1), { text, nps: 8 }));
    await insertVerbatims(db, verbatims);
    const choice = await syncTaxonomyThemes(db, places, {}, EDITOR_NOW);
    const enriched = await createPipeline(await loadModels(places, choice)).enrich(verbatims, { signal: new AbortController().signal, now: () => EDITOR_NOW });
    await saveEnrichments(db, enriched, { now: EDITOR_NOW });
    return enriched.map((item) => item.enrichment.themes.map((mention) => mention.theme));
  };

  it('the classifier alone tags advisor_quality on a text no rule matches (what the next tests guard against)', async () => {
    expect((await storedThemes()).get('The staff were polite')).toEqual(['advisor_quality']);
  });

  it('after a merge, the re-tag and a later enrich write the target, never the merged-away id', async () => {
    const { db } = database();
    const base = await activeTaxonomy(db, () => {
      throw new Error('seeded');
    });
    await applyAndRetag(applyEdit(base.taxonomy, { op: 'merge', from: 'advisor_quality', into: 'complaint_handling' }), 'merge advisor into complaints');
    const stored = await storedThemes();
    expect([...stored.values()].flat()).not.toContain('advisor_quality');
    expect(stored.get('The staff were polite')).toEqual(['complaint_handling']);
    const enriched = await enrichNew(['The staff were polite and kind', 'My advisor was friendly and helpful']);
    expect(enriched.flat()).not.toContain('advisor_quality');
    expect(enriched.every((themes) => themes.includes('complaint_handling'))).toBe(true);
  }, 120_000);

  it('after a removal, neither the removed theme nor what was merged into it is ever written', async () => {
    const { db } = database();
    const base = await activeTaxonomy(db, () => {
      throw new Error('seeded');
    });
    await applyAndRetag({ themes: base.taxonomy.themes.filter((theme) => theme.id !== 'complaint_handling') }, 'remove complaints');
    const gone = ['complaint_handling', 'advisor_quality'];
    expect([...(await storedThemes()).values()].flat().filter((theme) => gone.includes(theme))).toEqual([]);
    const enriched = await enrichNew(['The staff were polite', 'Conseillère très aimable et compétente']);
    expect(enriched.flat().filter((theme) => gone.includes(theme))).toEqual([]);
  }, 120_000);
});
