import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runVerbatim } from './run-cli.js';

describe('verbatim enrich --in - --out -', () => {
  // A process of its own: what is asserted is the real stdout, which a dependency printing on import would soil.
  it('writes nothing but JSON lines on stdout, one per input line, logs on stderr', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Les frais sont scandaleux, je vais changer de banque', nps: 1, branch: 'Lyon' }),
      'not json',
      JSON.stringify({ id: 'b', text: 'Great app, the advisor was really helpful', nps: 10 }),
    ].join('\n');
    const run = await runVerbatim(['enrich', '--in', '-', '--out', '-'], { stdin: input });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(records[0] ?? {})).toEqual(['id', 'text', 'nps', 'branch', 'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_supported', 'themes', 'journey', 'nps_category']);
    expect(records[0]).toMatchObject({ lang: 'fr', sentiment: 'negative', nps_category: 'detractor', branch: 'Lyon' });
    expect((records[0]?.['themes'] as { theme: string }[]).map((theme) => theme.theme)).toContain('fees_pricing');
    expect(records[1]).toMatchObject({ id: null, error: { line: 2 } });
    expect(records[2]).toMatchObject({ lang: 'en', sentiment: 'positive', nps_category: 'promoter' });
    expect(run.stderr).toContain('3 lines, 1 error lines');
  });

  it('a missing input fails with exit 1 and leaves an existing output file as it was', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-pipe-'));
    try {
      const out = path.join(dir, 'keep.jsonl');
      await writeFile(out, '{"id":"kept"}\n');
      const run = await runCli(['enrich', '--in', path.join(dir, 'nope.jsonl'), '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('nope.jsonl: no such file');
      expect(await readFile(out, 'utf8')).toBe('{"id":"kept"}\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('asks for both --in and --out', async () => {
    const run = await runCli(['enrich', '--in', '-']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('verbatim: pipe mode needs both --in and --out');
  });
});
