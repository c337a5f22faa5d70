import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { BUNDLED_PACKAGES, moduleUrlRewritten, packageOf } from '../../cli/bundle.js';
import { ModuleLoadRecorder } from './loaded-modules.js';
import { CLI, runVerbatim } from './run-cli.js';

describe('packageOf', () => {
  it.each([
    ['kysely', 'kysely'],
    ['kysely/helpers/postgres', 'kysely'],
    ['@duckdb/node-api', '@duckdb/node-api'],
    ['@electric-sql/pglite/contrib/pg_trgm', '@electric-sql/pglite'],
  ])('%s is of the package %s', (specifier, expected) => {
    expect(packageOf(specifier)).toBe(expected);
  });
});

describe('moduleUrlRewritten', () => {
  it('turns every import.meta.url into the compiled file, seen from a chunk of dist/bundle/', () => {
    const source = 'const a = new URL("./enrich-thread.js", import.meta.url); const b = createRequire(import.meta.url);';
    const rewritten = moduleUrlRewritten(source, path.join('pipeline', 'enrichment-pipeline.js'));
    const chunkRelative = /new URL\(("[^"]+"), import\.meta\.url\)\.href/g;
    expect(rewritten.replace(chunkRelative, '')).not.toContain('import.meta.url');
    const urls = [...rewritten.matchAll(chunkRelative)].map((match) => JSON.parse(match[1] ?? '""') as string);
    expect(urls).toEqual(['../pipeline/enrichment-pipeline.js', '../pipeline/enrichment-pipeline.js']);
    const chunk = 'file:///pkg/dist/bundle/chunk-ABC.js';
    expect(new URL('./enrich-thread.js', new URL(urls[0] ?? '', chunk)).href).toBe('file:///pkg/dist/pipeline/enrich-thread.js');
  });
});

describe('the bundled executable (dist/bundle/main.js)', () => {
  let recorder: ModuleLoadRecorder;

  beforeAll(async () => {
    recorder = await ModuleLoadRecorder.create();
  });

  afterAll(async () => {
    await recorder.close();
  });

  it('a report on the analytics replica loads the bundled packages from the bundle, the others from node_modules', async () => {
    const { code, stdout, urls } = await recorder.loadedBy(CLI, ['report', '--format', 'json', '--engine', 'duckdb']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty('nps');
    const fromNodeModules = new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
    expect(fromNodeModules.has('@electric-sql/pglite')).toBe(true); // the hook sees packages load
    expect([...BUNDLED_PACKAGES].filter((name) => fromNodeModules.has(name))).toEqual([]);
    const dist = pathToFileURL(path.join(PACKAGE_ROOT, 'dist')).href;
    expect(urls.filter((url) => url.startsWith(dist) && !url.startsWith(`${dist}/bundle/`))).toEqual([]);
  });

  it('`--version` loads no command chunk and no database', async () => {
    const { code, urls } = await recorder.loadedBy(CLI, ['--version']);
    expect(code).toBe(0);
    expect(urls.filter((url) => /\/dist\/bundle\/(report|import|demo|serve)-[A-Z0-9]+\.js$/.test(url))).toEqual([]);
    expect(urls.filter((url) => /node_modules\/(@electric-sql|@duckdb|pg)\//.test(url))).toEqual([]);
  });

  it('enrichment threads start from the compiled files next to the bundle', async () => {
    const input = `${JSON.stringify({ id: 'a', text: 'Les frais sont scandaleux', nps: 1 })}\n${JSON.stringify({ id: 'b', text: 'Great advisor, very helpful', nps: 10 })}\n`;
    const run = await runVerbatim(['enrich', '--in', '-', '--out', '-', '--threads', '2'], { stdin: input });
    expect(run.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    expect(run.code).toBe(0);
    const records = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => [record['id'], record['lang'], record['nps_category']])).toEqual([
      ['a', 'fr', 'detractor'],
      ['b', 'en', 'promoter'],
    ]);
  });
});
