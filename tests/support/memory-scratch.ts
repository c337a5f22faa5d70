import { constants } from 'node:fs';
import { access, mkdtemp, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Linux's RAM file system. */
const SHARED_MEMORY = '/dev/shm';

/** Free space a test's DuckDB files need at most there (they hold a few hundred rows); below it, the disk. */
const ENOUGH_BYTES = 256 * 1024 * 1024;

/**
 * A new folder for a test's throwaway DuckDB files, on a RAM file system when the machine has one
 * with room to spare, else under the system temp dir. A DuckDB checkpoint ends with an fsync: on
 * the disk it costs some 20 ms, on `/dev/shm` about 3 (measured), and the replica tests checkpoint
 * hundreds of small files. What they assert does not depend on the file system (copies, renames,
 * reopened files), and nothing they check is durability — as the test PostgreSQL runs with `fsync=off`.
 *
 * @example const folder = await memoryScratchDir('verbatim-t-replica-incr-'); … await rm(folder, { recursive: true, force: true })
 */
export async function memoryScratchDir(prefix: string): Promise<string> {
  return mkdtemp(path.join((await hasRoom(SHARED_MEMORY)) ? SHARED_MEMORY : tmpdir(), prefix));
}

async function hasRoom(folder: string): Promise<boolean> {
  try {
    await access(folder, constants.W_OK);
    const stats = await statfs(folder);
    return stats.bavail * stats.bsize >= ENOUGH_BYTES;
  } catch {
    return false;
  }
}
