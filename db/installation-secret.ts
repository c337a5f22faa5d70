import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { AuthorSecret } from '../core/author-key.js';

/** Where the author-key secret lives: beside the data, `VERBATIM_DATA_DIR/secret.key`. */
export function secretFile(dataDir: string): string {
  return path.join(dataDir, 'secret.key');
}

/** A rotation's new ring, written before the database is re-keyed and renamed over secret.key after. */
export function pendingSecretFile(dataDir: string): string {
  return `${secretFile(dataDir)}.next`;
}

/**
 * The installation's author-key secret, created on first use (32 random bytes,
 * file mode 0600; a looser mode is tightened). Two processes creating it at once
 * end with the same secret: the file is created exclusively and the loser reads it.
 *
 * @example const secret = await loadAuthorSecret(env.dataDir)
 */
export async function loadAuthorSecret(dataDir: string): Promise<AuthorSecret> {
  const file = secretFile(dataDir);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readAuthorSecret(file);
}

/** Reads a secret file: one key a line (64 hex digits), oldest first; anything else is a ConfigError naming file and line. */
export async function readAuthorSecret(file: string): Promise<AuthorSecret> {
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const ring: Uint8Array[] = [];
  lines.forEach((line, index) => {
    const text = line.trim();
    if (text === '') return;
    if (!/^[0-9a-f]{64}$/.test(text)) {
      throw new ConfigError(`${file}:${index + 1}: expected a key of 64 hexadecimal digits (the author-key secret), got ${text.length} characters`);
    }
    ring.push(Buffer.from(text, 'hex'));
  });
  if (ring.length === 0) throw new ConfigError(`${file}: expected at least one key of 64 hexadecimal digits, got an empty file`);
  return Object.freeze({ ring: Object.freeze(ring) });
}

/** Writes `secret.key.next`: the current ring plus one new key (mode 0600). Returns the new ring and its newest key. */
export async function writePendingSecret(dataDir: string, current: AuthorSecret): Promise<{ secret: AuthorSecret; added: Uint8Array }> {
  const added = randomBytes(32);
  const ring = [...current.ring, added];
  const file = pendingSecretFile(dataDir);
  await rm(file, { force: true });
  await writeFile(file, ring.map((key) => `${Buffer.from(key).toString('hex')}\n`).join(''), { flag: 'wx', mode: 0o600 });
  return { secret: Object.freeze({ ring: Object.freeze(ring) }), added };
}

/** Makes the pending ring the installation's secret (after the database was re-keyed with it). */
export async function commitPendingSecret(dataDir: string): Promise<void> {
  await rename(pendingSecretFile(dataDir), secretFile(dataDir));
}
