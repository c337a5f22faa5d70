import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../db/open-database.js';
import type { Database } from '../../db/schema.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** A throwaway data dir whose embedded database `seed` has filled, for the built CLI to run on. */
export interface SeededDataDir {
  /** The environment that points `verbatim` at it (`VERBATIM_DATA_DIR`). */
  readonly env: Record<string, string>;
  readonly dataDir: string;
  /** The temp folder holding the data dir, for a test's own files (removed with it). */
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * Creates the data dir, opens its database, runs `seed`, closes it (the CLI opens it next).
 *
 * @example const seeded = await seededDataDir('report', seedViews); await runCli(['report'], { env: seeded.env });
 */
export async function seededDataDir(name: string, seed: (db: Kysely<Database>) => Promise<unknown>): Promise<SeededDataDir> {
  const dir = await mkdtemp(path.join(tmpdir(), `verbatim-t-${name}-`));
  const dataDir = path.join(dir, 'data');
  await seedMigratedPglite(dataDir);
  const opened = await openDatabase({ dataDir });
  try {
    await seed(opened.db);
  } finally {
    await opened.close();
  }
  return { env: { VERBATIM_DATA_DIR: dataDir }, dataDir, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
