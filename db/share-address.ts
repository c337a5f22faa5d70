import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Where `verbatim serve` shares its embedded database: a Unix socket
 * `.s.PGSQL.5432` in `socketDir` (the layout `pg` expects of a socket folder),
 * for the process `pid` that holds the lock.
 */
export interface ShareAddress {
  readonly pid: number;
  readonly socketDir: string;
}

/** The address file, next to `pglite.lock` in the data dir. */
export const SHARE_ADDRESS_FILE = 'pglite.share.json';
/**
 * Written by a `verbatim serve` between taking the lock and publishing its address (opening
 * and migrating a large database takes a while): the pid of a serve that will share soon.
 */
export const SHARE_STARTING_FILE = 'pglite.share.starting';
/** The socket's name inside its folder, the one `pg` connects to with `host: socketDir, port: 5432`. */
export const SOCKET_NAME = '.s.PGSQL.5432';
export const SOCKET_PORT = 5432;
/** The socket folder's name starts so (`mkdtemp` adds six random characters). */
export const SOCKET_DIR_PREFIX = 'pglite-socket-';

const shareAddressSchema = z.object({ pid: z.number().int().positive(), socketDir: z.string().min(1) });

/** Writes the address (mode 0600) all at once: a reader sees the whole file or none. */
export async function writeShareAddress(dataDir: string, address: ShareAddress): Promise<void> {
  const target = path.join(dataDir, SHARE_ADDRESS_FILE);
  const draft = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(draft, `${JSON.stringify(address)}\n`, { mode: 0o600, flag: 'wx' });
  await rename(draft, target);
}

/** The address in the data dir, or `undefined` when there is none or it is unreadable. */
export async function readShareAddress(dataDir: string): Promise<ShareAddress | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, SHARE_ADDRESS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = shareAddressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the address file, its socket and the socket's folder (harmless when absent).
 * Only the socket and an empty folder: a stale or edited file never makes us delete more.
 */
export async function removeShareAddress(dataDir: string, address: ShareAddress | undefined): Promise<void> {
  await rm(path.join(dataDir, SHARE_ADDRESS_FILE), { force: true });
  // Only a folder of ours: never the socket of a real PostgreSQL server (`/tmp/.s.PGSQL.5432`).
  if (address === undefined || !path.basename(address.socketDir).startsWith(SOCKET_DIR_PREFIX)) return;
  await rm(path.join(address.socketDir, SOCKET_NAME), { force: true });
  await rmdir(address.socketDir).catch(() => undefined);
}

/**
 * Whether the socket folder is this user's and closed to everyone else (mode 0700):
 * a client must not hand its data to a socket someone else put in its data dir.
 */
export async function isPrivateSocketDir(socketDir: string): Promise<boolean> {
  try {
    const info = await stat(socketDir);
    return info.isDirectory() && info.uid === process.getuid?.() && (info.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Marks the data dir as about to be shared by process `pid` (see `SHARE_STARTING_FILE`). */
export async function writeShareStarting(dataDir: string, pid: number): Promise<void> {
  await writeFile(path.join(dataDir, SHARE_STARTING_FILE), `${String(pid)}\n`, { mode: 0o600 });
}

/** The pid of the serve about to share the data dir, or `undefined`. */
export async function readShareStarting(dataDir: string): Promise<number | undefined> {
  const pid = Number.parseInt((await readFile(path.join(dataDir, SHARE_STARTING_FILE), 'utf8').catch(() => '')).trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function removeShareStarting(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, SHARE_STARTING_FILE), { force: true });
}
