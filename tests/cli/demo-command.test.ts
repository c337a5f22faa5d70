import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** The Markdown report's sections: heading line → the lines under it, down to the next heading of any level. */
function sections(markdown: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (/^#{2,3} /.test(line)) out.set(line, (current = []));
    else if (line.trim() !== '') current?.push(line);
  }
  return out;
}

/** Table rows under a heading, header and separator left out. */
const dataRows = (lines: readonly string[]): string[] => lines.filter((line) => line.startsWith('|')).slice(2);

/** `verbatim demo` on the bundled samples (about 3,000 verbatims, ~15 s): every view has content. */
describe('verbatim demo: the sample data report shows every view', () => {
  let dir: string;
  let markdown: string;
  let bySection: Map<string, string[]>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-demo-'));
    const run = await runCli(['demo'], { env: { VERBATIM_DATA_DIR: dir } });
    expect(run.code, run.stderr).toBe(0);
    markdown = await readFile(path.join(dir, 'reports', 'report.md'), 'utf8');
    bySection = sections(markdown);
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const section = (prefix: string): string[] => {
    const heading = [...bySection.keys()].find((key) => key.startsWith(prefix));
    expect(heading, `no heading starting with "${prefix}"`).toBeDefined();
    return bySection.get(heading ?? '') ?? [];
  };

  it.each([
    ['## Drivers', 5],
    ['## Key drivers (regression)', 5],
    ['## Journey', 5],
    ['## Drivers by journey', 5],
    ['## Drivers by branch', 2],
    ['## NPS over time (by ', 6],
    ['## Emerging themes and phrases', 3],
    ['### Suggested new themes', 2],
    ['## Moment matrix (customers × employees)', 5],
    ['## eNPS (employee answers, same period)', 2],
  ] as const)('%s has at least %i table rows', (heading, rows) => {
    expect(dataRows(section(heading)).length).toBeGreaterThanOrEqual(rows);
  });

  it('the drivers table names sample themes by their taxonomy label, with an impact and an interval', () => {
    expect(section('## Drivers').join('\n')).toMatch(/\| Advisor quality \| \d+ \| [\d.]+ % \| [+-][\d.]+ \| [+-][\d.]+ \| [+-][\d.]+ \| [+-][\d.]+ \*? \| \[-?[\d.]+, -?[\d.]+\] \|/);
  });

  it('the journey view has impacts per step, the moment matrix names moments', () => {
    expect(dataRows(section('## Journey')).some((row) => /\(\d+, [+-][\d.]+\*?(, n < 30)?\)/.test(row))).toBe(true);
    expect(dataRows(section('## Moment matrix')).some((row) => /(moment formidable|coup de chance|douleur|mauvais combat|cécité|impasse)/.test(row))).toBe(true);
  });

  it('the eNPS headline and the follow-ups SLA are stated with figures', () => {
    expect(section('## eNPS')[0]).toMatch(/^\*\*eNPS [+-]?[\d.]+\*\* \(95 % CI \[-?[\d.]+, -?[\d.]+\], n = [1-9]\d*/);
    const followups = section('## Follow-ups (closed loop)').join('\n');
    expect(followups).toMatch(/ [1-9]\d* opened: /);
    expect(followups).toMatch(/SLA compliance: \*\*[\d.]+ %\*\* of the [1-9]\d* due/);
  });
});

/** Forget, then `npm start` again: the demo's import path honours tombstones like `verbatim import`. */
describe('verbatim demo after forget', () => {
  it('does not bring a forgotten respondent back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-demo-forget-'));
    try {
      // The first demo from an empty folder is the describe above; this one starts migrated.
      await seedMigratedPglite(dir);
      const env = { VERBATIM_DATA_DIR: dir };
      expect((await runCli(['demo'], { env })).code).toBe(0);
      const forgotten = await runCli(['forget', '--author', 'léa.1@example.com'], { env });
      expect(forgotten.code, forgotten.stderr).toBe(0);
      const again = await runCli(['demo'], { env });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain('import nps-survey-2026.csv: 0 new');
      const twice = await runCli(['forget', '--author', 'léa.1@example.com'], { env });
      expect(twice.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
