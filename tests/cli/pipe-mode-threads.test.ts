import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { runCli } from './run-cli.js';

/** The same answers whether the pipeline runs in the command's own thread or on worker threads. */
describe('verbatim enrich --threads', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-threads-'));
    // The bundled app reviews (FR/EN and a few other languages), with a bad line among them.
    const reviews = (await readFile(path.join(PACKAGE_ROOT, 'samples', 'data', 'app-reviews.jsonl'), 'utf8')).trimEnd().split('\n');
    reviews.splice(7, 0, '{"id": "broken"');
    input = reviews.join('\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same lines, in the same order, on 1 and on 3 threads', async () => {
    const [one, three] = await Promise.all([
      runCli(['enrich', '--in', '-', '--out', '-', '--threads', '1', '--batch-size', '25'], { stdin: input }),
      runCli(['enrich', '--in', '-', '--out', '-', '--threads', '3', '--batch-size', '25'], { stdin: input }),
    ]);
    expect(three.code).toBe(0);
    expect(three.stdout.split('\n').length).toBeGreaterThan(300);
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(three.stdout.split('\n')[7] ?? '')).toMatchObject({ id: null, error: { line: 8 } });
  });

  it('reports a bad taxonomy from the threads as the input error it is (exit 1, file named)', async () => {
    const taxonomy = path.join(dir, 'broken.yaml');
    await writeFile(taxonomy, 'themes: [oops\n');
    const run = await runCli(['enrich', '--in', '-', '--out', '-', '--threads', '2', '--taxonomy', taxonomy], { stdin: '{"id":"1","text":"ok"}\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(taxonomy);
    expect(run.stdout).toBe('');
  });
});
