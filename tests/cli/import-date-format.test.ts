import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDir } from '../support/databases.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

let dir: string;
let dataDir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-date-format-'));
  ({ dataDir, remove } = await createPgliteDir());
  await seedMigratedPglite(dataDir);
});
afterAll(async () => {
  await remove();
  await rm(dir, { recursive: true, force: true });
});

async function survey(name: string, dates: readonly string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, ['id;date;score;comment', ...dates.map((date, index) => `${index + 1};${date};7;answer ${index + 1}`)].join('\n'));
  return file;
}

const importing = (args: readonly string[]) => runCli(['import', ...args], { env: { VERBATIM_DATA_DIR: dataDir } });

describe('verbatim import --date-format', () => {
  it('forces the order: a row in the other order is refused at its line, the others imported', async () => {
    const file = await survey('us.csv', ['10/02/2026', '25/10/2026', '2026-03-01']);
    const run = await importing([file, '--date-format', 'mdy']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${file}:3: field \`created_at\`: skipped: expected a month-first (mm/dd/yyyy) date (--date-format MDY), got \`25/10/2026\`, day-first\n`);
    expect(run.stdout).toContain(`${file}: 2 rows read, 2 imported, 0 already there, 1 skipped, 0 warnings`);
  });

  it('without it, says once on stderr which order an ambiguous file is read in', async () => {
    const file = await survey('ambiguous.csv', ['10/02/2026', '03/04/2026']);
    const run = await importing([file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/read as day-first \(dd\/mm\/yyyy\)/g)).toHaveLength(1);
    expect(run.stderr).toContain(`${file}:1: field \`created_at\`: warning: no date of the file says whether \`10/02/2026\` is day/month or month/day`);
  });

  it('refuses an unknown order before reading anything', async () => {
    const run = await importing([await survey('any.csv', ['2026-03-01']), '--date-format', 'ddmm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('expected one of DMY, MDY, YMD, got `ddmm`');
  });
});
