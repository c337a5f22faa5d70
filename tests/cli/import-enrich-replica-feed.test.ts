import { access, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCsvCorpus } from '../../bench/corpus.js';
import { inReportSnapshot } from '../../analysis/report-snapshot.js';
import { syncReplica } from '../../db/analytics-replica.js';
import { replicaPathFor } from '../../db/analytics-replica-path.js';
import { openDatabase } from '../../db/open-database.js';
import { replicaContents } from '../db/replica-contents.js';
import { createCliWorkspace, type CliWorkspace } from '../support/cli-workspace.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { runCli } from './run-cli.js';

/** Sub-themes under `fees`, so parents are rolled up. */
const TAXONOMY = `themes:
  - id: fees
    label: Fees
    terms:
      en: [fees, charges]
      fr: [frais]
  - id: fees.card
    label: Card fees
    terms:
      en: [card]
      fr: [carte]
  - id: fees.card.atm
    label: ATM fees
    terms:
      en: [atm, cash machine]
  - id: staff
    label: Staff
    terms:
      en: [staff, advisor]
      fr: [conseiller, conseillère]
`;

/** Duplicated ids (the first copy wins), non-ASCII texts, empty comments with a score, segments, a row without a date. */
const SURVEY = [
  'id,date,score,comment,country,branch',
  'a1,2026-03-02,2,The card fees at the ATM are far too high,FR,Lyon',
  'a2,2026-03-03,9,Conseillère très aimable mais frais de carte élevés 😀,FR,Île-de-France',
  'a3,2026-03-04,7,,BE,Bruxelles',
  'a1,2026-03-05,10,A second copy of a1: left out,FR,Lyon',
  'a4,,5,Die Gebühren sind zu hoch; staff were kind,DE,Berlin',
  'a5,2026-03-06,0,日本語のコメント: fees fees fees,JP,東京',
  'a6,2026-03-07,8,,FR,',
  'a7,2026-03-08,10,Great advisor and no charges at the cash machine,BE,Gent',
].join('\n');

/**
 * `import --enrich` feeds the analytics replica as it stores by default (db/replica-feed.ts): the writer's line
 * says so, the next report's sync has nothing to do, and the file equals a fresh rebuild row for row
 * (through the source ids: row ids differ) — and the report JSON equals the one on a rebuilt replica.
 * `--no-replica-feed` opts out: the writer syncs from the database as before.
 */
describe.each(DATABASE_KINDS)('import --enrich feeds the analytics replica (%s)', (kind) => {
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
  /** The report JSON (with `theme`: the root cause's) but its time of writing. */
  const reportJson = async (theme?: string): Promise<Record<string, unknown>> => {
    const args = theme === undefined ? ['--min-count', '1', '--granularity', 'month'] : ['--theme', theme];
    // A fixed clock: the follow-ups' hours late compare across the two reports.
    const done = await runCli(['report', '--format', 'json', ...args], { env: { ...env, ...duckdb }, cwd: dir, now: () => new Date('2026-12-07T08:00:00Z') });
    expect(done.code, done.stderr).toBe(0);
    const { generated_at: _ignored, ...rest } = JSON.parse(done.stdout) as Record<string, unknown>;
    return rest;
  };

  /** The replica as the next report finds it (its sync must have nothing to do), a fresh rebuild in the same snapshot, and the rows either holds that the other does not (`EXCEPT ALL` both ways). */
  async function compareWithRebuild(): Promise<{ fed: Record<string, unknown>; rebuilt: Record<string, unknown>; different: number }> {
    const fresh = path.join(dir, `fresh-${Math.random().toString(36).slice(2)}.duckdb`);
    const opened = await openDatabase(kind === 'postgres' ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      const [fed, rebuilt] = await inReportSnapshot(opened.db, async (snapshot) => {
        const synced = await syncReplica(snapshot, replica());
        const rebuiltReplica = await syncReplica(snapshot, fresh);
        try {
          expect({ rebuilt: synced.rebuilt, applied: synced.applied }).toEqual({ rebuilt: null, applied: null });
          return [await replicaContents(synced), await replicaContents(rebuiltReplica)];
        } finally {
          synced.close();
          rebuiltReplica.close();
        }
      });
      return { fed, rebuilt, different: await exceptAllBothWays(replica(), fresh) };
    } finally {
      await opened.close();
      await rm(fresh, { force: true });
    }
  }

  beforeAll(async () => {
    workspace = await createCliWorkspace(kind, 'verbatim-t-replica-feed-cli-');
    ({ dir, env } = workspace);
    await writeFile(path.join(dir, 'taxonomy.yaml'), TAXONOMY);
    await writeFile(path.join(dir, 'survey.csv'), SURVEY);
    await writeCsvCorpus(path.join(dir, 'corpus.csv'), 1_500);
  }, 120_000);

  afterAll(async () => {
    await workspace?.remove();
  });

  it('on `auto` below the threshold, a first import --enrich writes no replica and leaves no file behind', async () => {
    const done = await run(['import', path.join(dir, 'survey.csv'), '--enrich', '--taxonomy', path.join(dir, 'taxonomy.yaml')]);
    expect(done.stderr).not.toContain('analytics replica');
    await expect(access(replica())).rejects.toThrow();
    expect(await readdir(env['VERBATIM_DATA_DIR'] as string)).not.toContainEqual(expect.stringMatching(/^analytics/));
  });

  it('writes, in a fresh database, the replica a rebuild writes, and the report a rebuilt replica gives', async () => {
    // A fresh database: the feed starts only when there is no verbatim yet (or a replica at the version).
    await workspace?.freshDatabase();
    const done = await run(['import', path.join(dir, 'survey.csv'), '--enrich', '--taxonomy', path.join(dir, 'taxonomy.yaml'), '--batch-size', '3'], duckdb);
    expect(done.stdout).toContain('7 imported, 1 already there');
    expect(done.stderr).toMatch(/^analytics replica: fed by the import, 7 verbatims and \d+ theme rows \(\d+\.\d s to seal\)$/m);
    const { fed, rebuilt, different } = await compareWithRebuild();
    expect(fed).toEqual(rebuilt);
    expect(different).toBe(0);
    expect(fed['themes']).toContainEqual(expect.objectContaining({ theme: 'fees.card', rolled_up: true }));

    const onFed = await reportJson();
    await rm(replica());
    const onRebuilt = await reportJson();
    expect(onFed).toEqual(onRebuilt);
  });

  it('feeds on a replica at the data version: a second, larger import leaves it equal to a rebuild', async () => {
    const done = await run(['import', path.join(dir, 'corpus.csv'), '--source', 'bench', '--enrich', '--taxonomy', path.join(dir, 'taxonomy.yaml'), '--batch-size', '200'], duckdb);
    expect(done.stderr).toMatch(/^analytics replica: fed by the import, 1,507 verbatims and \d[\d,]* theme rows/m);
    const { fed, rebuilt, different } = await compareWithRebuild();
    expect(fed).toEqual(rebuilt);
    expect(different).toBe(0);
    const onFed = await reportJson();
    const rootCauseOnFed = await reportJson('fees');
    await rm(replica());
    expect(await reportJson()).toEqual(onFed);
    expect(await reportJson('fees')).toEqual(rootCauseOnFed);
  });

  it('the same file again adds nothing: the replica stays at the version (`--replica-feed`, the opt-in of before, still accepted)', async () => {
    const done = await run(['import', path.join(dir, 'survey.csv'), '--enrich', '--replica-feed', '--taxonomy', path.join(dir, 'taxonomy.yaml')], duckdb);
    expect(done.stdout).toContain('0 imported, 8 already there');
    expect(done.stderr).toMatch(/^analytics replica: fed by the import, 1,507 verbatims/m);
    expect((await compareWithRebuild()).different).toBe(0);
  });

  it('with --no-replica-feed, syncs from the database after storing instead: the replica equals a rebuild', async () => {
    await writeFile(path.join(dir, 'more.csv'), ['id,date,score,comment', 'b1,2026-04-01,3,The card fees again', 'b2,2026-04-02,10,Kind staff'].join('\n'));
    const done = await run(['import', path.join(dir, 'more.csv'), '--enrich', '--no-replica-feed', '--taxonomy', path.join(dir, 'taxonomy.yaml')], duckdb);
    expect(done.stdout).toContain('2 imported');
    expect(done.stderr).not.toContain('fed by the import');
    expect(done.stderr).toMatch(/^analytics replica: applied 2 changed verbatims \(\d+\.\d s\)$/m);
    expect((await compareWithRebuild()).different).toBe(0);
  });
});

/** Rows of either replica's tables the other lacks, by source id and phrase text (row and phrase ids differ): `EXCEPT ALL` both ways. */
async function exceptAllBothWays(left: string, right: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`attach '${left.replaceAll("'", "''")}' as l (read_only)`);
    await connection.run(`attach '${right.replaceAll("'", "''")}' as r (read_only)`);
    const views = (db: string): string[] => [
      `select i.id, v.* exclude (row_id) from ${db}.verbatims v join ${db}.verbatim_ids i using (row_id)`,
      `select i.id, t.* exclude (row_id) from ${db}.verbatim_themes t join ${db}.verbatim_ids i using (row_id)`,
      `select i.id, d.phrase from ${db}.verbatim_phrases p join ${db}.phrases d using (phrase_id) join ${db}.verbatim_ids i using (row_id)`,
    ];
    let different = 0;
    const [ls, rs] = [views('l'), views('r')];
    for (let k = 0; k < ls.length; k += 1) {
      const reader = await connection.runAndReadAll(`select
        (select count(*) from (${ls[k]} except all ${rs[k]}))::integer,
        (select count(*) from (${rs[k]} except all ${ls[k]}))::integer`);
      for (const value of reader.getRows()[0] ?? []) different += Number(value);
    }
    return different;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
