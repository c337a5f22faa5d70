import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase } from '../../db/open-database.js';

/** Where `openDatabase` keeps the embedded database inside a data dir. */
const PGLITE_FOLDER = 'pglite';

/**
 * Creates one migrated, empty embedded database for the whole suite (global setup).
 * PGlite's `initdb` costs seconds of CPU per database; the tests that only need an empty,
 * migrated one copy this folder instead (see {@link seedMigratedPglite}).
 */
export async function buildPgliteTemplate(): Promise<{ readonly dataDir: string; remove: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-template-'));
  const opened = await openDatabase({ dataDir });
  await opened.close();
  return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}

/**
 * Makes `dataDir` hold an empty, migrated embedded database, as a first `openDatabase`
 * on it would leave it, by copying the suite's template. Tests of `initdb` itself or of
 * migrations from an older schema start from an empty folder instead.
 *
 * @example const dataDir = await mkdtemp(…); await seedMigratedPglite(dataDir); await runCli(['import', file], { env: { VERBATIM_DATA_DIR: dataDir } })
 */
export async function seedMigratedPglite(dataDir: string): Promise<void> {
  await cp(path.join(inject('pgliteTemplateDir'), PGLITE_FOLDER), path.join(dataDir, PGLITE_FOLDER), { recursive: true, errorOnExist: true, force: false });
}
