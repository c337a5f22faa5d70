import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

const HOUR = 3_600_000;

interface Listed {
  readonly id: number;
  readonly external_id: string;
  readonly status: string;
  readonly assignee: string | null;
  readonly close_reason: string | null;
}

/**
 * Four detractors dated against the real clock: R-1 (72 h ago) and R-2 (100 h ago) overdue,
 * R-3 and R-4 (1 and 2 h ago) not yet due; in Lyon, R-2 and R-4 in Paris. Steps run in order.
 */
describe('verbatim followups list --assignee --segment, close --all-overdue|--before|--ids --reason', () => {
  let dir: string;
  let env: Record<string, string>;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-followups-close-'));
    env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
    await seedMigratedPglite(path.join(dir, 'data'));
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      const now = Date.now();
      const answer = (n: number, hoursAgo: number, branch: string) =>
        surveyAnswer(n, { nps: n, createdAt: new Date(now - hoursAgo * HOUR).toISOString(), segments: { branch } });
      await insertVerbatims(opened.db, [answer(1, 72, 'Lyon'), answer(2, 100, 'Paris'), answer(3, 1, 'Lyon'), answer(4, 2, 'Paris')]);
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const list = async (...args: string[]): Promise<Listed[]> => {
    const run = await runCli(['followups', 'list', '--json', ...args], { env });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Listed);
  };
  const idsOf = (rows: readonly Listed[]): string[] => rows.map((row) => row.external_id).sort();

  it('lists by owner and by branch', async () => {
    for (const row of await list()) ids.set(row.external_id, row.id);
    expect([...ids.keys()].sort()).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
    await runCli(['followups', 'assign', String(ids.get('R-3')), 'claire'], { env });
    expect(idsOf(await list('--assignee', 'claire'))).toEqual(['R-3']);
    expect(idsOf(await list('--segment', 'branch=Lyon'))).toEqual(['R-1', 'R-3']);
    expect(idsOf(await list('--segment', 'branch=Paris', '--assignee', 'claire'))).toEqual([]);
  });

  it('refuses a bulk close without a reason, with two selections, or with an id', async () => {
    for (const args of [['--all-overdue'], ['--all-overdue', '--ids', '1', '--reason', 'x'], [String(ids.get('R-4')), '--reason', 'x'], ['--reason', 'x']]) {
      const run = await runCli(['followups', 'close', ...args], { env });
      expect(run.code, args.join(' ')).toBe(1);
    }
    expect((await list('--status', 'closed')).length).toBe(0);
  });

  it('--all-overdue closes the two overdue ones with the reason stored, not the others', async () => {
    const run = await runCli(['followups', 'close', '--all-overdue', '--reason', 'backlog before the programme'], { env });
    expect([run.code, run.stdout]).toEqual([0, '2 follow-ups closed (reason: backlog before the programme)\n']);
    const closed = await list('--status', 'closed');
    expect(idsOf(closed)).toEqual(['R-1', 'R-2']);
    expect(closed.map((row) => row.close_reason)).toEqual(['backlog before the programme', 'backlog before the programme']);
  });

  it('--before closes nothing older than any answer; --ids closes those given and names the rest', async () => {
    expect((await runCli(['followups', 'close', '--before', '2020-01-01', '--reason', 'old'], { env })).stdout).toBe('0 follow-ups closed (reason: old)\n');
    const run = await runCli(['followups', 'close', '--ids', `${ids.get('R-3')},${ids.get('R-1')},999999`, '--reason', 'duplicate answer'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('1 follow-ups closed (reason: duplicate answer)\n');
    expect(run.stderr).toContain(`2 of 3 ids were not open follow-ups: #${ids.get('R-1')}, #999999`);
    expect(idsOf(await list('--status', 'open'))).toEqual(['R-4']);
    // R-1 keeps the reason of its first close.
    expect((await list('--status', 'closed')).find((row) => row.external_id === 'R-1')?.close_reason).toBe('backlog before the programme');
  });
});
