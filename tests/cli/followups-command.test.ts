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

/**
 * The built command on two detractors, dated against the real clock (the CLI reads it):
 * R-1 answered 72 h ago (due 24 h ago: overdue), R-2 answered 1 h ago (due in 47 h). Steps run in order.
 */
describe('verbatim followups list|assign|close|overdue, then the SLA in the report', () => {
  let dir: string;
  let env: Record<string, string>;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-followups-'));
    env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
    await seedMigratedPglite(path.join(dir, 'data'));
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      const now = Date.now();
      await insertVerbatims(opened.db, [
        surveyAnswer(1, { nps: 2, createdAt: new Date(now - 72 * HOUR).toISOString() }),
        surveyAnswer(2, { nps: 4, createdAt: new Date(now - 1 * HOUR).toISOString() }),
        surveyAnswer(3, { nps: 10, createdAt: new Date(now - 1 * HOUR).toISOString() }),
      ]);
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = (stdout: string): { id: number; status: string; assignee: string | null; external_id: string }[] =>
    stdout
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { id: number; status: string; assignee: string | null; external_id: string });

  it('list opens one follow-up a detractor', async () => {
    const run = await runCli(['followups', 'list', '--json'], { env });
    expect(run.stderr).toBe('');
    const rows = lines(run.stdout);
    expect(rows.map((row) => [row.external_id, row.status])).toEqual([
      ['R-1', 'open'],
      ['R-2', 'open'],
    ]);
    for (const row of rows) ids.set(row.external_id, row.id);
  });

  it('overdue lists the one past its 48 h, not the one still due', async () => {
    const run = await runCli(['followups', 'overdue', '--json'], { env });
    expect(lines(run.stdout).map((row) => row.external_id)).toEqual(['R-1']);
  });

  it('assign gives it to someone; it stays overdue', async () => {
    const id = ids.get('R-1');
    const run = await runCli(['followups', 'assign', String(id), 'alice'], { env });
    expect([run.code, run.stdout]).toEqual([0, `follow-up ${id} assigned to alice\n`]);
    const overdue = await runCli(['followups', 'overdue'], { env });
    expect(overdue.stdout).toMatch(new RegExp(`^#${id} assigned OVERDUE due \\S+ nps 2 alice — `));
    expect(overdue.stdout).toMatch(/\n1 follow-ups\n$/);
  });

  it('close ends it (late), and a second close fails', async () => {
    const id = ids.get('R-1');
    const run = await runCli(['followups', 'close', String(id), '--note', 'called back'], { env });
    expect([run.code, run.stdout]).toEqual([0, `follow-up ${id} closed\n`]);
    expect((await runCli(['followups', 'overdue'], { env })).stdout).toBe('no follow-ups\n');
    const again = await runCli(['followups', 'close', String(id)], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`verbatim: field \`id\`: no open follow-up with id ${id}\n`);
  });

  it('rejects an id that is not a whole number', async () => {
    const run = await runCli(['followups', 'assign', 'x', 'alice'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('expected a follow-up id (a whole number from 1), got `x`');
  });

  it('the report counts R-1 closed but late, and R-2 not yet due', async () => {
    const run = await runCli(['report', '--format', 'json'], { env });
    const report = JSON.parse(run.stdout) as { followups: Record<string, unknown> };
    // due = R-1 (closed); R-2 is open with 47 h to go → compliance 0 / 1
    expect(report.followups).toMatchObject({ total: 2, open: 1, assigned: 0, closed: 1, closed_in_time: 0, due: 1, compliance: 0, overdue: 0, overdue_list: [] });
  });
});
