import { open, readFile, rm } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

/** The lock is held by another live process (or by this one, opened twice): the message says what to do. */
export class DirectoryLockHeldError extends ConfigError {
  /** The process holding the lock. */
  readonly holderPid: number;

  constructor(message: string, holderPid: number) {
    super(message);
    this.holderPid = holderPid;
  }
}

/** A held lock; `release()` removes the lock file (safe to call twice). */
export interface DirectoryLock {
  release(): Promise<void>;
}

/**
 * Takes an exclusive lock file holding our pid. PGlite is a single-process
 * database: a second process writing the same folder would corrupt it, so the
 * second opener gets a {@link DirectoryLockHeldError} instead. A lock left by a dead process is taken over.
 *
 * @example const lock = await acquireDirectoryLock('.verbatim/pglite.lock', 'the embedded database');
 */
export async function acquireDirectoryLock(lockPath: string, what: string): Promise<DirectoryLock> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt((await readFile(lockPath, 'utf8').catch(() => '')).trim(), 10);
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      const who = holder === process.pid ? 'this process (opened twice without close)' : `process ${holder}`;
      throw new DirectoryLockHeldError(
        `${what} is in use by ${who}: lock file ${lockPath}. Stop that process, or set DATABASE_URL to share a PostgreSQL server; delete the lock file only if no verbatim process is running.`,
        holder,
      );
    }
    await rm(lockPath, { force: true });
  }
  throw new ConfigError(`cannot take the lock ${lockPath} for ${what}: another process keeps taking it`);
}

/** Whether process `pid` exists (EPERM: it does, as another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
