import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { activeTaxonomy, versionTaxonomy, type TaxonomyVersion } from '../analysis/taxonomy-editing.js';
import { UsageError } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import { taxonomyVersion } from '../db/taxonomy-versions.table.js';
import type { Taxonomy } from '../models/themes/taxonomy.js';
import type { CliContext } from './context.js';

/** `3` or `v3`: a stored version; anything else names a file. */
const VERSION_ARGUMENT = /^v?(\d+)$/;

/** The active version, the bundled taxonomy being stored as version 1 on an empty table (as `enrich` does). */
export async function activeVersion(context: CliContext, db: Kysely<Database>): Promise<TaxonomyVersion> {
  const [{ DEFAULT_TAXONOMY_PATH }, { loadTaxonomy }] = await Promise.all([import('../models/fast-tier.js'), import('../models/themes/taxonomy.js')]);
  const seed = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
  return activeTaxonomy(db, () => ({ taxonomy: seed, note: { author: 'verbatim', message: 'the bundled taxonomy (samples/taxonomy/default.yaml)', now: context.now() } }));
}

/** A stored version by number (a usage error naming it when there is none). */
export async function storedVersion(db: Kysely<Database>, version: number): Promise<TaxonomyVersion> {
  const row = await taxonomyVersion(db, version);
  if (row === undefined) throw new UsageError(`no taxonomy version ${version} (see \`verbatim taxonomy history\`)`);
  return versionTaxonomy(row);
}

/** A taxonomy file (YAML or JSON), validated; every problem named as `file:line: field …`. */
export async function taxonomyFile(context: CliContext, file: string): Promise<Taxonomy> {
  const { parseTaxonomy } = await import('../models/themes/taxonomy.js');
  let text: string;
  try {
    text = await readFile(path.resolve(context.cwd, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    throw error;
  }
  return parseTaxonomy(text, file);
}

/** `3`/`v3` (a stored version) or a file, with a name for the diff's header. */
export async function versionOrFile(context: CliContext, db: Kysely<Database>, argument: string): Promise<{ name: string; taxonomy: Taxonomy }> {
  const number = VERSION_ARGUMENT.exec(argument)?.[1];
  if (number !== undefined) return { name: `version ${number}`, taxonomy: (await storedVersion(db, Number(number))).taxonomy };
  return { name: argument, taxonomy: await taxonomyFile(context, argument) };
}
