import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { CLI, runVerbatim } from './run-cli.js';

const TOTAL = 30_000;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-resume-'));
  env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
  const corpus = path.join(dir, 'corpus.jsonl');
  await writeCorpus(corpus, TOTAL);
  const imported = await runVerbatim(['import', corpus, '--source', 'bench'], { env });
  expect(imported.stdout).toContain(`${TOTAL} imported`);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `enrich` and SIGKILLs it as soon as it reports some verbatims saved. */
function enrichAndKillMidway(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'enrich', '--batch-size', '500', '--log-every', '0.2'], { env: { ...process.env, ...env, DATABASE_URL: '' } });
    let done = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/enrich: (\d+)\//g)) done = Math.max(done, Number(match[1]));
      if (done > 0 && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () => resolve(done));
  });
}

it('finishes a SIGKILLed enrich run on the next run, every verbatim enriched exactly once', async () => {
  const reachedBeforeKill = await enrichAndKillMidway();
  expect(reachedBeforeKill).toBeGreaterThan(0);
  expect(reachedBeforeKill).toBeLessThan(TOTAL);

  const second = await runVerbatim(['enrich'], { env });
  expect(second.code).toBe(0);
  const resumed = Number(/enriched (\d+) verbatims/.exec(second.stdout)?.[1]);
  // The second run does only what the first did not save (a batch in flight at the kill is redone, never doubled).
  expect(resumed).toBeGreaterThan(0);
  expect(resumed).toBeLessThanOrEqual(TOTAL - reachedBeforeKill);

  const report = JSON.parse((await runVerbatim(['report', '--format', 'json'], { env })).stdout) as { verbatims: number; enriched: number };
  expect(report).toMatchObject({ verbatims: TOTAL, enriched: TOTAL });
  const exported = (await runVerbatim(['export'], { env })).stdout.trim().split('\n');
  expect(exported).toHaveLength(TOTAL);
  expect(new Set(exported.map((line) => (JSON.parse(line) as { id: string }).id)).size).toBe(TOTAL);
}, 300_000);
