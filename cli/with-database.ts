import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CliContext } from './context.js';

/** Opens the configured database (PostgreSQL or embedded PGlite), runs `work`, and always closes it. */
export async function withDatabase<T>(context: CliContext, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  // Loaded on use: PGlite's WASM and pg are not needed for `--help` or pipe mode.
  const { openDatabase } = await import('../db/open-database.js');
  const opened = await openDatabase({ databaseUrl: context.env.databaseUrl, dataDir: context.env.dataDir });
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}
