import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { parentTheme } from '../db/theme-hierarchy.js';
import { syncThemes, type ThemeNode } from '../db/themes.table.js';
import {
  activateTaxonomyVersion,
  activeOrSeedVersion,
  addTaxonomyVersion,
  previousTaxonomyVersion,
  type TaxonomyVersionRow,
} from '../db/taxonomy-versions.table.js';
import { validateTaxonomy } from '../models/themes/taxonomy-edit.js';
import type { Taxonomy } from '../models/themes/taxonomy.js';
import type { ProposedTagger } from './taxonomy-preview.js';

/** A stored version with its taxonomy validated. */
export interface TaxonomyVersion {
  readonly row: TaxonomyVersionRow;
  readonly taxonomy: Taxonomy;
}

/** Done of total verbatims re-tagged. */
export interface RetagCount {
  readonly done: number;
  readonly total: number;
}

/**
 * The pipeline's theme tagging under any taxonomy (cli/taxonomy-retag.ts builds it):
 * `tagger` re-tags in memory (previews), `retag` re-tags every stored verbatim with a
 * version, then marks the version re-tagged.
 */
export interface TaxonomyTagging {
  tagger(taxonomy: Taxonomy): Promise<ProposedTagger>;
  retag(version: number, taxonomy: Taxonomy, onProgress: (progress: RetagCount) => void, signal?: AbortSignal): Promise<RetagCount>;
}

/** Who and why, for a new version. */
export interface VersionNote {
  readonly author: string;
  readonly message: string;
  readonly idMap?: Readonly<Record<string, string>>;
  readonly now: Date;
}

/**
 * The taxonomy's themes as rows of the `themes` table: the parent is the one the
 * taxonomy names, else the dotted one (`fees` for `fees.card`), so reports can label both.
 *
 * @example themeNodes(taxonomy) // [{ id: 'fees_pricing', parentId: null, label: 'Fees and pricing', description: null, labels: { fr: 'Frais et tarifs' } }, …]
 */
export function themeNodes(taxonomy: Taxonomy): ThemeNode[] {
  return taxonomy.themes.map((theme) => ({
    id: theme.id,
    parentId: theme.parent ?? parentTheme(theme.id),
    label: theme.label,
    description: theme.description ?? null,
    labels: theme.labels ?? {},
  }));
}

/** A stored row's document validated (a version stored by hand that no longer validates is an error naming it). */
export function versionTaxonomy(row: TaxonomyVersionRow): TaxonomyVersion {
  return { row, taxonomy: validateTaxonomy(row.document, `taxonomy version ${row.version}`) };
}

/**
 * The active version; on an empty table `seed` (the taxonomy file the installation
 * started with) is stored first as version 1.
 */
export async function activeTaxonomy(db: Kysely<Database>, seed: () => { taxonomy: Taxonomy; note: VersionNote }): Promise<TaxonomyVersion> {
  const row = await activeOrSeedVersion(db, () => {
    const { taxonomy, note } = seed();
    return { document: taxonomy, ...note };
  });
  return versionTaxonomy(row);
}

/**
 * Stores a taxonomy as the next, active version and writes its labels into `themes`
 * (what every page and report labels themes with). The caller re-tags.
 *
 * @example await storeTaxonomyVersion(db, edited, { author: 'ana', message: 'rename fees_pricing', now })
 */
export async function storeTaxonomyVersion(db: Kysely<Database>, taxonomy: Taxonomy, note: VersionNote): Promise<TaxonomyVersion> {
  const row = await addTaxonomyVersion(db, { document: taxonomy, ...note });
  await syncThemes(db, themeNodes(taxonomy));
  return { row, taxonomy };
}

/**
 * Undo: the version before the active one becomes active again, its labels written back.
 *
 * @returns that version, or undefined when the active one is the first.
 */
export async function undoTaxonomyVersion(db: Kysely<Database>): Promise<TaxonomyVersion | undefined> {
  const previous = await previousTaxonomyVersion(db);
  if (previous === undefined) return undefined;
  const row = await activateTaxonomyVersion(db, previous.version);
  if (row === undefined) return undefined;
  const version = versionTaxonomy(row);
  await syncThemes(db, themeNodes(version.taxonomy));
  return version;
}

/** The edit operations and the diff, for the dashboard (web/ reaches models/ through analysis/). */
export { applyEdit, EDIT_OPS, idMapOf, TERM_KINDS, type TaxonomyEdit, type TermKind } from '../models/themes/taxonomy-edit.js';
export { diffTaxonomies, formatTaxonomyDiff, isEmptyDiff, type TaxonomyDiff } from '../models/themes/taxonomy-diff.js';
export type { Taxonomy } from '../models/themes/taxonomy.js';
