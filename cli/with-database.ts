import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CliContext } from './context.js';

/** How `withDatabase` opens the database. */
export interface WithDatabaseOptions {
  /** `verbatim serve`: let other commands use the embedded database through it while it runs. */
  readonly share?: boolean;
  /** A command that reads a few rows and exits (`verbatim report`): the embedded database starts faster (`DatabaseOptions.shortRead`). */
  readonly shortRead?: boolean;
}

/**
 * Opens the configured database (PostgreSQL or embedded PGlite), runs `work`, and always closes it.
 * An embedded database held by a running `verbatim serve` is used through that serve (said on stderr).
 */
export async function withDatabase<T>(context: CliContext, work: (db: Kysely<Database>) => Promise<T>, options: WithDatabaseOptions = {}): Promise<T> {
  // Loaded on use: PGlite's WASM and pg are not needed for `--help` or pipe mode.
  const { openDatabase } = await import('../db/open-database.js');
  const opened = await openDatabase({ databaseUrl: context.env.databaseUrl, dataDir: context.env.dataDir, share: options.share === true, shortRead: options.shortRead === true });
  if (opened.kind === 'shared-pglite') {
    context.stderr.write(`verbatim: the embedded database is open in \`verbatim serve\` (process ${String(opened.sharedBy)}): working through it\n`);
  }
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}
