import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { createFixtureDir, type FixtureDir } from '../models/transformer/fixture-models.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** In the tiny embedding model's words (tests/models/transformer/fixture-models.ts): fees, charges, overdraft | app, login, crash. */
const UNTAGGED = [
  'overdraft again',
  'the fees',
  'charges and more charges',
  'fees fees',
  'overdraft charges',
  'the app',
  'login again',
  'crash crash',
  'app crash',
  'login and more login',
];

describe('verbatim report --model-dir: suggested themes by meaning', () => {
  let dir: string;
  let fixture: FixtureDir;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-discover-'));
    fixture = await createFixtureDir({ sentiment: false });
    env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
    await seedMigratedPglite(path.join(dir, 'data'));
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      const answers = UNTAGGED.map((text, n) => surveyAnswer(n + 1, { text }));
      await insertVerbatims(opened.db, answers);
      // Enriched with no theme: every one is a candidate for a new theme.
      await saveEnrichments(opened.db, answers.map((answer) => enriched(answer, { themes: [] })));
    } finally {
      await opened.close();
    }
  }, 60_000);
  afterAll(async () => {
    await fixture.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('clusters the untagged verbatims with the folder\'s embeddings: fee words apart from app words', async () => {
    const run = await runCli(['report', '--format', 'json', '--model-dir', fixture.modelDir], { env });
    expect(run.stderr).toBe('');
    const { suggested_themes: suggested } = JSON.parse(run.stdout) as {
      suggested_themes: { method: string; untagged: number; clusters: { sample_size: number; examples: { text: string }[] }[] };
    };
    expect(suggested.method).toBe('embeddings');
    expect(suggested.untagged).toBe(10);
    // √(10 / 2) ≈ 2 clusters of 5: no phrase is shared by all five of either.
    expect(suggested.clusters.map((cluster) => cluster.sample_size)).toEqual([5, 5]);
    const themes = suggested.clusters.map((cluster) => cluster.examples.map((example) => /fees|charges|overdraft/.test(example.text)));
    expect(themes.map((flags) => new Set(flags).size)).toEqual([1, 1]);
  });

  it('clusters by shared phrases without --model-dir, even with VERBATIM_MODEL_DIR set (embedding every report is opt-in)', async () => {
    for (const runEnv of [env, { ...env, VERBATIM_MODEL_DIR: fixture.modelDir }]) {
      const run = await runCli(['report', '--format', 'json'], { env: runEnv });
      expect((JSON.parse(run.stdout) as { suggested_themes: { method: string } }).suggested_themes.method).toBe('phrases');
    }
  });

  it('names a model folder without embeddings/ in one line, exit 1', async () => {
    const run = await runCli(['report', '--model-dir', dir], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('embeddings');
  });
});
