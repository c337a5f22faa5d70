import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { fileExists } from '../../cli/file-exists.js';

it('tells a file or folder that is there from one that is not', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-exists-'));
  try {
    await writeFile(path.join(dir, 'analytics.duckdb'), '');
    expect(await fileExists(path.join(dir, 'analytics.duckdb'))).toBe(true);
    expect(await fileExists(dir)).toBe(true);
    expect(await fileExists(path.join(dir, 'missing.duckdb'))).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
