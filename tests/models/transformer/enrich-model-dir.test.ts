import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerbatim } from '../../cli/run-cli.js';
import { createFixtureDir, type FixtureDir } from './fixture-models.js';

// These run the BUILT command: `npx tsc -p tsconfig.build.json` first (npm test does).

let fixture: FixtureDir;
/** NODE_OPTIONS that make any import of @xenova/transformers fail the process. */
let forbidTransformers: Record<string, string>;

beforeAll(async () => {
  fixture = await createFixtureDir();
  const hooks = path.join(fixture.dir, 'forbid-hooks.mjs');
  await writeFile(
    hooks,
    `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@xenova/transformers')) throw new Error('the fast path imported @xenova/transformers');
  return next(specifier, context);
}
`,
  );
  const register = path.join(fixture.dir, 'forbid.mjs');
  await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  forbidTransformers = { NODE_OPTIONS: `--import=${pathToFileURL(register).href}` };
});
afterAll(() => fixture.remove());

const INPUT = [
  { id: 'p', text: 'The service was zorgly', nps: 9 },
  { id: 'n', text: 'The service was blarf', nps: 2 },
  { id: 't', text: 'The overdraft is the same, a total blarf', nps: 3 },
]
  .map((record) => JSON.stringify(record))
  .join('\n');

type Output = { id: string; sentiment: string; themes: { theme: string; evidence: string }[] };

function parse(stdout: string): Output[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Output);
}

describe('verbatim enrich --model-dir', () => {
  it('pipe mode: the tiny model decides the sentiment, embeddings add themes, stdout stays JSON', async () => {
    const run = await runVerbatim(['enrich', '--in', '-', '--out', '-', '--model-dir', fixture.modelDir, '--taxonomy', fixture.taxonomyPath], { stdin: INPUT });
    expect(run.stderr).toContain('3 lines, 0 error lines');
    expect(run.code).toBe(0);
    const records = parse(run.stdout);
    expect(records.map((record) => [record.id, record.sentiment])).toEqual([
      ['p', 'positive'],
      ['n', 'negative'],
      ['t', 'negative'],
    ]);
    // Only the clause that carries the theme is evidence, not the whole text.
    expect(records[2]?.themes).toMatchObject([{ theme: 'fees_pricing', evidence: expect.stringMatching(/^The overdraft is the same\W*$/) }]);
  });

  it('without it, the same input is the fast tier (the lexicons know neither word) and never imports transformers.js', async () => {
    const run = await runVerbatim(['enrich', '--in', '-', '--out', '-', '--taxonomy', fixture.taxonomyPath], { stdin: INPUT, env: forbidTransformers });
    expect(run.stderr).not.toContain('imported @xenova/transformers');
    expect(run.code).toBe(0);
    const records = parse(run.stdout);
    // The lexicons cannot tell "zorgly" from "blarf"; the fixture taxonomy has no "overdraft".
    expect(records[0]?.sentiment).toBe(records[1]?.sentiment);
    expect(records[2]?.themes).toEqual([]);
  });

  it('the forbidding hook does catch the transformer tier (so the test above means something)', async () => {
    const run = await runVerbatim(['enrich', '--in', '-', '--out', '-', '--model-dir', fixture.modelDir], { stdin: INPUT, env: forbidTransformers });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('the fast path imported @xenova/transformers');
  });

  it('database mode reads VERBATIM_MODEL_DIR', async () => {
    const input = path.join(fixture.dir, 'answers.jsonl');
    await writeFile(input, `${INPUT}\n`);
    const env = { VERBATIM_DATA_DIR: path.join(fixture.dir, 'data'), VERBATIM_MODEL_DIR: fixture.modelDir };
    expect((await runVerbatim(['import', input, '--source', 'survey'], { env })).code).toBe(0);
    const enrich = await runVerbatim(['enrich', '--taxonomy', fixture.taxonomyPath], { env });
    expect(enrich.code).toBe(0);
    expect(enrich.stdout).toContain('enriched 3 verbatims');
    const exported = await runVerbatim(['export', '--format', 'jsonl'], { env });
    const byExternalId = new Map(parse(exported.stdout).map((record) => [(record as Output & { external_id: string }).external_id, record]));
    expect(byExternalId.get('p')?.sentiment).toBe('positive');
    expect(byExternalId.get('n')?.sentiment).toBe('negative');
    expect(byExternalId.get('t')?.themes.map((theme) => theme.theme)).toEqual(['fees_pricing']);
  });

  it('a missing model directory is a usage error naming it', async () => {
    const missing = path.join(fixture.dir, 'no-such-models');
    const run = await runVerbatim(['enrich', '--in', '-', '--out', '-', '--model-dir', missing], { stdin: INPUT });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`verbatim: ${missing}: model directory not found (--model-dir / VERBATIM_MODEL_DIR)`);
  });
});
