import { readdir, readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Linux's clock ticks a second (`getconf CLK_TCK`), the unit of /proc/PID/stat's times. */
const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime and the parent pid of one process, from /proc/PID/stat. */
interface ProcStat {
  readonly ppid: number;
  readonly own: number;
  readonly reaped: number;
}

async function procStat(pid: number): Promise<ProcStat | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name, which may hold spaces and parentheses: state is field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  const at = (field: number): number => fields[field - 3] ?? 0;
  return { ppid: at(4), own: (at(14) + at(15)) / TICKS_PER_SECOND, reaped: (at(16) + at(17)) / TICKS_PER_SECOND };
}

/**
 * A reader of the CPU seconds a local PostgreSQL server has used so far (every backend,
 * autovacuum, WAL writer, checkpointer): the postmaster's own and reaped children's time plus
 * the live children's. Found through this connection's backend pid; undefined when the server
 * is not on this machine or /proc is not readable (then the bench prints no server CPU).
 *
 * @example const cpu = await serverCpuMeter(db); const before = await cpu?.(); … (await cpu?.()) - before
 */
export async function serverCpuMeter(db: Kysely<Database>): Promise<(() => Promise<number>) | undefined> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  const backend = rows[0] === undefined ? undefined : await procStat(rows[0].pid);
  if (backend === undefined) return undefined;
  const postmaster = backend.ppid;
  return async () => {
    const main = await procStat(postmaster);
    let total = main === undefined ? 0 : main.own + main.reaped;
    for (const name of await readdir('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const child = await procStat(Number(name));
      if (child !== undefined && child.ppid === postmaster) total += child.own + child.reaped;
    }
    return total;
  };
}
