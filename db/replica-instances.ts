import { stat } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';

/** A read-only DuckDB instance of one replica file, for as long as the lease is held. */
export interface ReadOnlyInstanceLease {
  readonly instance: DuckDBInstance;
  /** Gives the instance back; it closes when no lease is left, unless kept (`keepIdleReplicaInstances`). */
  release(): void;
}

interface SharedInstance {
  readonly identity: string;
  readonly instance: DuckDBInstance;
  leases: number;
  idle: NodeJS.Timeout | undefined;
}

/** Open instances by file identity (`identityOf`): one a file, shared by every lease on it. */
const shared = new Map<string, Promise<SharedInstance>>();
/** Those of them no lease holds, waiting for their idle time to end. */
const idle = new Set<SharedInstance>();
let keepIdleMs = 0;

/**
 * Keeps an instance open `idleMs` after its last lease ends (0: closed at once, the default).
 * For `verbatim serve`: a report on a fresh instance reads and allocates everything anew, and
 * costs ≈ 20–25 % more than on one a previous report warmed (db/README.md, "A cold report's start").
 * A replica file is never written once renamed into place (a sync writes a new file), so an
 * instance of the same file identity answers as a new one would. 0 also closes the idle ones now.
 */
export function keepIdleReplicaInstances(idleMs: number): void {
  keepIdleMs = Math.max(0, idleMs);
  if (keepIdleMs === 0) for (const entry of [...idle]) close(entry);
}

/** How many instances are open now, leased or idle. */
export function openReplicaInstances(): number {
  return shared.size;
}

/**
 * A read-only instance of the replica `file`: the open one of that very file when there is
 * one, else a new one. The file's device, inode, size and modification time name it: an
 * open instance holds its file, so its inode cannot be reused for another file meanwhile.
 */
export async function leaseReadOnlyInstance(file: string): Promise<ReadOnlyInstanceLease> {
  const identity = await identityOf(file);
  let opening = shared.get(identity);
  if (opening === undefined) {
    opening = openShared(file, identity);
    shared.set(identity, opening);
    opening.catch(() => shared.delete(identity));
  }
  const entry = await opening;
  entry.leases += 1;
  clearTimeout(entry.idle);
  entry.idle = undefined;
  idle.delete(entry);
  let released = false;
  return {
    instance: entry.instance,
    release: () => {
      if (released) return;
      released = true;
      entry.leases -= 1;
      if (entry.leases > 0) return;
      if (keepIdleMs === 0) {
        close(entry);
        return;
      }
      entry.idle = setTimeout(() => close(entry), keepIdleMs);
      entry.idle.unref();
      idle.add(entry);
    },
  };
}

async function openShared(file: string, identity: string): Promise<SharedInstance> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  return { identity, instance, leases: 0, idle: undefined };
}

function close(entry: SharedInstance): void {
  clearTimeout(entry.idle);
  idle.delete(entry);
  shared.delete(entry.identity);
  entry.instance.closeSync();
}

async function identityOf(file: string): Promise<string> {
  const { dev, ino, size, mtimeMs } = await stat(file, { bigint: true });
  return `${String(dev)}:${String(ino)}:${String(size)}:${String(mtimeMs)}`;
}
