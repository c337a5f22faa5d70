import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresDatabase, type DatabaseKind } from './databases.js';
import { seedMigratedPglite } from './pglite-template.js';

/**
 * A scratch folder and the environment the CLI runs of a test use: an empty, migrated embedded
 * database in `<dir>/data`, or (kind `postgres`) a fresh database on the test server named by `DATABASE_URL`.
 */
export interface CliWorkspace {
  readonly dir: string;
  /** `VERBATIM_DATA_DIR`, and `DATABASE_URL` on PostgreSQL; {@link freshDatabase} updates it in place. */
  readonly env: Record<string, string>;
  /** An empty database instead of the one the runs wrote: the data folder emptied, and a new PostgreSQL database. */
  freshDatabase(): Promise<void>;
  /** Drops the PostgreSQL database and deletes the folder. */
  remove(): Promise<void>;
}

/**
 * The set-up the command tests share, for one database kind of `DATABASE_KINDS`.
 *
 * @example const workspace = await createCliWorkspace(kind, 'verbatim-t-forget-'); await runCli(['import', file], { env: workspace.env })
 */
export async function createCliWorkspace(kind: DatabaseKind, prefix: string): Promise<CliWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const env: Record<string, string> = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
  let drop: (() => Promise<void>) | undefined;
  const createDatabase = async (): Promise<void> => {
    if (kind === 'pglite') return seedMigratedPglite(env['VERBATIM_DATA_DIR'] as string);
    const created = await createPostgresDatabase();
    env['DATABASE_URL'] = created.url;
    drop = created.drop;
  };
  await createDatabase();
  return {
    dir,
    env,
    freshDatabase: async () => {
      await rm(env['VERBATIM_DATA_DIR'] as string, { recursive: true, force: true });
      await drop?.();
      await createDatabase();
    },
    remove: async () => {
      await drop?.();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
