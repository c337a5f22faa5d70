import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { syncTaxonomyThemes } from '../../cli/taxonomy-themes.js';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import type { Verbatim } from '../../core/verbatim.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { loadModels, type ModelPlaces } from '../../pipeline/load-models.js';

export const EDITOR_NOW = new Date('2026-06-15T12:00:00.000Z');

/** [text, NPS]: fees hurt, advisors help, the app and the waiting in between; Apple Pay is in no theme. */
const ANSWERS: readonly (readonly [string, number])[] = [
  ['The fees are far too high', 2],
  ['Hidden fees on every transfer', 1],
  ['Les frais de tenue de compte sont abusifs', 3],
  ['Another fee nobody explained', 4],
  ['Fees went up again this year', 5],
  ['My advisor was friendly and helpful', 10],
  ['Conseillère très aimable et compétente', 9],
  ['The staff were polite', 9],
  ['Great advisor, but the fees are expensive', 7],
  ['The app crashes when I log in', 3],
  ['Application mobile très lente', 4],
  ['I waited 40 minutes on the phone', 2],
  ['Personne ne répond au téléphone', 1],
  ['Quick and easy account opening', 10],
  ['Everything fine', 8],
  // No theme covers these: the report suggests a theme from them.
  ['Apple Pay refused again', 4],
  ['Apple Pay declined twice', 3],
  ['Still no Apple Pay', 5],
];

/** The answers as verbatims of one survey, a day apart in May and June 2026. */
export function editorVerbatims(): Verbatim[] {
  return ANSWERS.map(([text, nps], index) => ({
    id: `te-${String(index + 1).padStart(2, '0')}`,
    externalId: String(index + 1),
    source: 'survey',
    text,
    createdAt: new Date(Date.UTC(2026, 4, 8 + index * 2)).toISOString(),
    nps,
    rating: null,
    respondent: 'customer',
    authorKey: null,
    segments: { branch: index % 2 === 0 ? 'Lyon' : 'Paris' },
    journeyHint: null,
  }));
}

/**
 * A database enriched as `verbatim enrich` would (the same models, the bundled taxonomy
 * stored as version 1 and its labels in `themes`), and the model places to re-tag with.
 */
export async function seedEditorData(db: Kysely<Database>): Promise<{ places: ModelPlaces; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-editor-'));
  const places: ModelPlaces = { cwd: PACKAGE_ROOT, dataDir, modelDir: undefined };
  const verbatims = editorVerbatims();
  await insertVerbatims(db, verbatims);
  const choice = await syncTaxonomyThemes(db, places, {}, EDITOR_NOW);
  const pipeline = createPipeline(await loadModels(places, choice));
  await saveEnrichments(db, await pipeline.enrich(verbatims, { signal: new AbortController().signal, now: () => EDITOR_NOW }), { now: EDITOR_NOW });
  return { places, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}
