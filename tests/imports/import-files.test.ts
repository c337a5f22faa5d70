import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { importFiles, type ImportStore } from '../../imports/import-files.js';

/** A store in memory: what a database store does, counted. */
function memoryStore(forgottenAuthors: ReadonlySet<string> = new Set()): ImportStore & { rows: Verbatim[]; finished: number } {
  const rows: Verbatim[] = [];
  const store = {
    rows,
    finished: 0,
    insert: async (batch: readonly Verbatim[]) => {
      const kept = batch.filter((verbatim) => !forgottenAuthors.has(verbatim.externalId ?? ''));
      const fresh = kept.filter((verbatim) => !rows.some((row) => row.id === verbatim.id));
      rows.push(...fresh);
      return { inserted: fresh.length, duplicates: kept.length - fresh.length, forgotten: batch.length - kept.length };
    },
    finish: async () => {
      store.finished += 1;
      return 2;
    },
  };
  return store;
}

describe('importFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-import-files-'));
    await writeFile(path.join(dir, 'a.csv'), 'id;score;comment\nR1;2;Trop cher\nR2;9;Parfait\nR3;4;Lent\n');
    await writeFile(path.join(dir, 'empty.csv'), '');
    await writeFile(path.join(dir, 'b.csv'), 'id,score,comment\nB1,10,Great\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports every readable file, reports the unreadable one, counts forgotten authors, and finishes once', async () => {
    const store = memoryStore(new Set(['R3']));
    const lines: string[] = [];
    const files = ['a.csv', 'empty.csv', 'b.csv'].map((name) => path.join(dir, name));
    const result = await importFiles(files, {}, store, (line) => lines.push(line), new Date('2026-06-01T00:00:00Z'));
    expect(result.files.map((file) => [path.basename(file.file), file.inserted, file.forgotten])).toEqual([
      ['a.csv', 2, 1],
      ['b.csv', 1, 0],
    ]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toContain('empty.csv');
    expect(lines.some((line) => line.startsWith('verbatim: ') && line.includes('empty.csv'))).toBe(true);
    expect(store.rows.map((row) => row.externalId)).toEqual(['R1', 'R2', 'B1']);
    expect([store.finished, result.followupsOpened]).toEqual([1, 2]);
  });

  it('adds nothing when the same file comes again', async () => {
    const store = memoryStore();
    const file = path.join(dir, 'a.csv');
    await importFiles([file], {}, store, () => undefined, new Date());
    const again = await importFiles([file], {}, store, () => undefined, new Date());
    expect(again.files[0]).toMatchObject({ inserted: 0, duplicates: 3 });
  });
});
