import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { ingestSurveyFile } from '../../imports/ingest.js';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-ingest-in-flight-'));
  file = path.join(dir, 'nps.csv');
  const rows = Array.from({ length: 10 }, (_, i) => `${i + 1},2026-02-0${(i % 9) + 1},${i},Comment ${i + 1}`);
  await writeFile(file, ['id,date,score,comment', ...rows, ''].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A sink whose calls stay outstanding until released, in any order: it says how many were ever outstanding at once. */
function heldSink() {
  let outstanding = 0;
  let most = 0;
  const waiting: (() => void)[] = [];
  const sink = async (batch: readonly Verbatim[]) => {
    outstanding += 1;
    most = Math.max(most, outstanding);
    // Every odd external id is "already there".
    await new Promise<void>((resolve) => waiting.push(resolve));
    outstanding -= 1;
    const duplicates = batch.filter((verbatim) => Number(verbatim.externalId) % 2 === 1).length;
    return { inserted: batch.length - duplicates, duplicates };
  };
  /** Releases the newest call first, so results settle out of order. */
  const release = (): void => void waiting.pop()?.();
  return { sink, release, most: () => most };
}

/** Releases one held call a turn of the event loop until the ingest ends. */
async function releaseUntilDone<T>(held: ReturnType<typeof heldSink>, ingesting: Promise<T>): Promise<T> {
  let done = false;
  void ingesting.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    held.release();
  }
  return ingesting;
}

it('keeps at most `inFlight` sink calls outstanding and adds up every result, whatever order they settle in', async () => {
  const held = heldSink();
  const result = await releaseUntilDone(held, ingestSurveyFile(file, { batchSize: 2, inFlight: 3 }, held.sink, () => undefined));
  expect(held.most()).toBe(3);
  expect(result).toMatchObject({ read: 10, inserted: 5, duplicates: 5 });
});

it('by default stores one batch before reading the next', async () => {
  const held = heldSink();
  expect(await releaseUntilDone(held, ingestSurveyFile(file, { batchSize: 2 }, held.sink, () => undefined))).toMatchObject({ read: 10, inserted: 5, duplicates: 5 });
  expect(held.most()).toBe(1);
});

it('a sink that fails fails the file, once the calls still outstanding have settled', async () => {
  let settled = 0;
  let calls = 0;
  const sink = async (batch: readonly Verbatim[]) => {
    calls += 1;
    if (calls === 2) throw new Error('disk full');
    await new Promise((resolve) => setImmediate(resolve));
    settled += 1;
    return { inserted: batch.length, duplicates: 0 };
  };
  await expect(ingestSurveyFile(file, { batchSize: 2, inFlight: 3 }, sink, () => undefined)).rejects.toThrow('disk full');
  expect(settled).toBe(calls - 1);
});

it('checks `inFlight` up front', async () => {
  await expect(ingestSurveyFile(file, { inFlight: 0 }, async () => ({ inserted: 0, duplicates: 0 }), () => undefined)).rejects.toThrow(
    'Expected `inFlight` to be a number from 1 and up, got `0` (number)',
  );
});
