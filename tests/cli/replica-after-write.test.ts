import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inReportSnapshot } from '../../analysis/report-snapshot.js';
import { syncReplica } from '../../db/analytics-replica.js';
import { replicaPathFor } from '../../db/analytics-replica-path.js';
import { readDataVersion } from '../../db/data-version.js';
import { openDatabase } from '../../db/open-database.js';
import { createCliWorkspace, type CliWorkspace } from '../support/cli-workspace.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { runCli } from './run-cli.js';

/** A survey file of `rows` answers, ids and comments prefixed so two files never share a row. */
function survey(prefix: string, rows: number): string {
  const lines = ['id,date,score,comment,email'];
  for (let i = 1; i <= rows; i += 1) {
    lines.push(`${prefix}${i},2026-03-${String((i % 28) + 1).padStart(2, '0')},${i % 11},${prefix} the fees are far too high ${i},${prefix}${i}@example.com`);
  }
  return lines.join('\n');
}

/** What the next report's sync would do to the replica, and the versions it compares. */
interface NextSync {
  readonly rebuilt: unknown;
  readonly applied: unknown;
  readonly replicaVersion: string;
  readonly databaseVersion: string;
}

/**
 * The writers end by syncing the analytics replica (cli/replica-after-write.ts): when a report would
 * count on it (`VERBATIM_REPORT_ENGINE=duckdb` here, the `auto` threshold being 10,000 verbatims) or when
 * a replica file is already there, the next report finds the file at the data version and only opens it.
 */
describe.each(DATABASE_KINDS)('the replica synced at write time (%s)', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let workspace: CliWorkspace | undefined;
  const duckdb = { VERBATIM_REPORT_ENGINE: 'duckdb' };
  const replica = (): string => replicaPathFor(env['VERBATIM_DATA_DIR'] as string, env['DATABASE_URL']);
  const run = async (args: readonly string[], extraEnv: Record<string, string> = {}) => {
    const done = await runCli(args, { env: { ...env, ...extraEnv }, cwd: dir });
    expect(done.code, done.stderr).toBe(0);
    return done;
  };
  const file = async (name: string, rows: number): Promise<string> => {
    const written = path.join(dir, `${name}.csv`);
    await writeFile(written, survey(name, rows));
    return written;
  };

  /** Syncs the replica as a report does, in a report snapshot, and says what that sync had to do. */
  async function nextSync(): Promise<NextSync> {
    const opened = await openDatabase(kind === 'postgres' ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      return await inReportSnapshot(opened.db, async (snapshot) => {
        const synced = await syncReplica(snapshot, replica());
        synced.close();
        return { rebuilt: synced.rebuilt, applied: synced.applied, replicaVersion: synced.version, databaseVersion: await readDataVersion(snapshot, 'replica') };
      });
    } finally {
      await opened.close();
    }
  }

  const expectInStep = async (): Promise<void> => {
    const next = await nextSync();
    expect(next).toEqual({ rebuilt: null, applied: null, replicaVersion: next.databaseVersion, databaseVersion: expect.any(String) });
  };

  beforeAll(async () => {
    workspace = await createCliWorkspace(kind, 'verbatim-t-replica-write-');
    ({ dir, env } = workspace);
  }, 120_000);

  afterAll(async () => {
    await workspace?.remove();
  });

  it('on `auto` below the threshold and no replica file, an import writes none and says nothing of it', async () => {
    const done = await run(['import', await file('small', 3)]);
    expect(done.stderr).not.toContain('analytics replica');
    await expect(access(replica())).rejects.toThrow();
  });

  it('import without --enrich leaves the replica to enrich (its rows are pending); enrich then rebuilds it', async () => {
    const imported = await run(['import', await file('first', 12), '--followups-since', 'all'], duckdb);
    expect(imported.stderr).not.toContain('analytics replica');
    await expect(access(replica())).rejects.toThrow();
    const done = await run(['enrich'], duckdb);
    expect(done.stdout).toContain('enriched 15 verbatims');
    expect(done.stderr).toMatch(/^analytics replica: rebuilt, 15 verbatims and \d+ theme rows \(\d+\.\d s\)$/m);
    await expectInStep();
  });

  it('enrich applies its changes to a replica already there, which is then at the version', async () => {
    await run(['import', await file('later', 2)], duckdb);
    const done = await run(['enrich'], duckdb);
    expect(done.stdout).toContain('enriched 2 verbatims');
    expect(done.stderr).toMatch(/^analytics replica: applied 2 changed verbatims \(\d+\.\d s\)$/m);
    await expectInStep();
  });

  it('import --enrich keeps it in step too, and on `auto` a replica file already there: fed as it stores (the default), or synced with --no-replica-feed', async () => {
    const done = await run(['import', await file('second', 4), '--enrich']);
    expect(done.stdout).toContain('enriched 4 verbatims');
    expect(done.stderr).toMatch(/^analytics replica: fed by the import, 21 verbatims/m);
    await expectInStep();
    const synced = await run(['import', await file('second-b', 2), '--enrich', '--no-replica-feed']);
    expect(synced.stderr).toMatch(/^analytics replica: applied 2 changed verbatims/m);
    await expectInStep();
  });

  it('--no-replica-sync leaves the replica behind: the next report applies the import', async () => {
    const done = await run(['import', await file('third', 5), '--enrich', '--no-replica-sync'], duckdb);
    expect(done.stdout).toContain('enriched 5 verbatims');
    expect(done.stderr).not.toContain('analytics replica');
    const next = await nextSync();
    expect(next.rebuilt).toBeNull();
    expect(next.applied).toMatchObject({ changed: 5, verbatims: 5 });
    await run(['import', await file('fourth', 3)], duckdb);
    const skipped = await run(['enrich', '--no-replica-sync'], duckdb);
    expect(skipped.stderr).not.toContain('analytics replica');
    expect((await nextSync()).applied).toMatchObject({ changed: 3 });
  });

  it('a taxonomy import (a re-tag of every verbatim) leaves the replica at the version', async () => {
    await run(['taxonomy', 'export', '--out', 'v1.yaml']);
    const edited = (await readFile(path.join(dir, 'v1.yaml'), 'utf8')).replace('label: Fees and pricing', 'label: Bank charges');
    await writeFile(path.join(dir, 'v2.yaml'), edited);
    const done = await run(['taxonomy', 'import', 'v2.yaml'], duckdb);
    expect(done.stdout).toContain('stored and active');
    expect(done.stderr).toMatch(/^analytics replica: /m);
    await expectInStep();
  });

  it('forget syncs the replica past the forget (the file rewritten without the rows) instead of deleting it', async () => {
    const done = await run(['forget', '--author', 'first1@example.com'], duckdb);
    expect(done.stdout).toContain(': 1 verbatims');
    expect(done.stderr).toMatch(/^analytics replica: applied 1 changed verbatim, file rewritten without the deleted rows/m);
    expect(done.stdout).not.toContain('removed the analytics replica');
    await expectInStep();
  });

  it('forget --no-replica-sync deletes the replica, as forget always did', async () => {
    const done = await run(['forget', '--author', 'first2@example.com', '--no-replica-sync'], duckdb);
    expect(done.stderr).not.toContain('analytics replica');
    expect(done.stdout).toContain('removed the analytics replica');
    await expect(access(replica())).rejects.toThrow();
  });

  it('pipe mode refuses --no-replica-sync: it writes no database', async () => {
    const done = await runCli(['enrich', '--in', '-', '--out', '-', '--no-replica-sync'], { env, stdin: '{"id":"1","text":"ok"}\n' });
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('--no-replica-sync does not apply');
  });
});
