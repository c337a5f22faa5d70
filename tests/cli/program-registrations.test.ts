import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationsFor } from '../../cli/program.js';
import { type LoadedModules, ModuleLoadRecorder } from './loaded-modules.js';
import { COMPILED_CLI, runCli } from './run-cli.js';

const COMMANDS = ['demo', 'import', 'scrape', 'enrich', 'worker', 'queue', 'report', 'export', 'followups', 'forget', 'secret', 'serve', 'token', 'train', 'alerts', 'taxonomy'];

describe('registrationsFor: a command registers only itself', () => {
  it.each([
    [['report', '--format', 'json'], 1],
    [['taxonomy', 'history'], 1],
    [['--version'], 0],
    [['-V'], 0],
    [[], COMMANDS.length],
    [['--help'], COMMANDS.length],
    [['help', 'report'], COMMANDS.length],
    [['reprot'], COMMANDS.length],
    [['constructor'], COMMANDS.length],
  ])('verbatim %j loads %i registrations', (args, expected) => {
    expect(registrationsFor(['node', 'verbatim', ...args])).toHaveLength(expected);
  });
});

describe('the built command with lazy registrations', () => {
  it('--help still lists every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it("a command's own help and options are there", async () => {
    const run = await runCli(['report', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: verbatim report [options]');
    expect(run.stdout).toContain('--engine <engine>');
  });

  it('a mistyped command is a usage error that suggests the right one', async () => {
    const run = await runCli(['reprot']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('report');
  });
});

/** Every module URL a fresh process of the compiled (unbundled) command loads: each command a module of its own. */
describe('what a fresh process loads', () => {
  let recorder: ModuleLoadRecorder;
  const loadedBy = (args: readonly string[]): Promise<LoadedModules> => recorder.loadedBy(COMPILED_CLI, args);

  beforeAll(async () => {
    recorder = await ModuleLoadRecorder.create();
  });

  afterAll(async () => {
    await recorder.close();
  });

  it('`--version` loads no command, no database and no query builder', async () => {
    const { code, stdout, urls } = await loadedBy(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(urls.some((url) => url.endsWith('/dist/cli/program.js'))).toBe(true); // the hook saw the CLI load
    expect(urls.filter((url) => /\/dist\/cli\/(report|import|demo|serve)\.js$/.test(url))).toEqual([]);
    expect(urls.filter((url) => /node_modules\/(kysely|@electric-sql|@duckdb|pg)\//.test(url))).toEqual([]);
  });

  it('`report --help` loads the report command only, and neither database', async () => {
    const { code, urls } = await loadedBy(['report', '--help']);
    expect(code).toBe(0);
    expect(urls.some((url) => url.endsWith('/dist/cli/report.js'))).toBe(true);
    expect(urls.filter((url) => /\/dist\/cli\/(import|demo|serve|enrich|taxonomy)\.js$/.test(url))).toEqual([]);
    expect(urls.filter((url) => /node_modules\/(@electric-sql|@duckdb)\//.test(url))).toEqual([]);
  });
});
