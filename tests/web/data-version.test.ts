import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignFollowup, closeFollowup, openDetractorFollowups } from '../../db/followups.table.js';
import { forgetAuthor, insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { readDataVersion } from '../../db/data-version.js';
import { startCacheRefresh } from '../../web/cache-refresh.js';
import { DataCache } from '../../web/data-version.js';
import { TokenConcurrency } from '../../web/limits.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW } from './fixtures.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('postgres');
});

afterAll(async () => {
  await database?.close();
});

describe('readDataVersion', () => {
  it('changes with every kind of write the reports depend on', async () => {
    const { db } = database;
    const versions = [await readDataVersion(db, 'dashboard')];
    const rows = [surveyAnswer(1, { nps: 2, authorKey: 'a_gone' }), surveyAnswer(2, { nps: 9 })];
    const steps: [string, () => Promise<unknown>][] = [
      ['import', () => insertVerbatims(db, rows)],
      ['enrich', () => saveEnrichments(db, rows.map((row) => enriched(row)), { now: NOW })],
      ['re-enrich', () => saveEnrichments(db, rows.map((row) => enriched(row)), { now: new Date(NOW.getTime() + 1000) })],
      ['follow-up opened', () => openDetractorFollowups(db, NOW)],
      ['follow-up assigned', () => assignFollowup(db, 1, 'Marie')],
      ['follow-up closed', () => closeFollowup(db, 1, 'called', NOW)],
      ['forget', () => forgetAuthor(db, 'a_gone')],
    ];
    for (const [name, write] of steps) {
      await write();
      const version = await readDataVersion(db, 'dashboard');
      expect(versions, name).not.toContain(version);
      versions.push(version);
    }
  });
});

describe('DataCache', () => {
  it('sends only misses through the gate: a hit, or the same computation in flight, takes no slot; a refusal is not cached', async () => {
    const cache = new DataCache(database.db, { maxAgeMs: 60_000, checkEveryMs: 60_000, clock: () => 0 });
    const slots = new TokenConcurrency(1);
    const gated = cache.gated((work) => slots.run(7, work));
    let release: () => void = () => {};
    const slow = new Promise<string>((resolve) => (release = () => resolve('slow')));
    const first = gated.get('a', () => slow);
    // The same key while it computes shares the computation; another key needs a slot and is refused.
    const same = gated.get('a', () => Promise.resolve('never'));
    await expect(gated.get('b', () => Promise.resolve('b'))).rejects.toMatchObject({ code: 'rate_limited' });
    release();
    expect([await first, await same]).toEqual(['slow', 'slow']);
    // The refusal was not remembered: `b` computes now that the slot is free, and hits after that cost nothing.
    expect(await gated.get('b', () => Promise.resolve('b'))).toBe('b');
    const refuseAll = cache.gated(() => Promise.reject(new Error('no slot')));
    expect(await refuseAll.get('a', () => Promise.resolve('never'))).toBe('slow');
  });

  it('computes once while the data stays the same, again once it changes', async () => {
    let clock = 0;
    const cache = new DataCache(database.db, { maxAgeMs: 60_000, checkEveryMs: 1_000, clock: () => clock });
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    expect(await cache.get('k', compute)).toBe(1);
    clock += 5_000;
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('other', compute)).toBe(2);
    await insertVerbatims(database.db, [surveyAnswer(99)]);
    expect(await cache.get('k', compute)).toBe(1); // version read less than a second ago
    clock += 1_000;
    expect(await cache.get('k', compute)).toBe(3);
    clock += 60_000;
    expect(await cache.get('k', compute)).toBe(4); // too old anyway
  });

  it('keeps a failure briefly (issue 14 item 7: a repeated failing request costs nothing), then retries; is off with maxAgeMs 0', async () => {
    let clock = 0;
    const cache = new DataCache(database.db, { maxAgeMs: 60_000, checkEveryMs: 1_000, failureMs: 5_000, clock: () => clock });
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      return Promise.reject(new Error('boom'));
    };
    await expect(cache.get('fails', failing)).rejects.toThrow('boom');
    clock += 4_000;
    await expect(cache.get('fails', failing)).rejects.toThrow('boom');
    expect(attempts).toBe(1);
    clock += 1_000;
    expect(await cache.get('fails', () => Promise.resolve('ok'))).toBe('ok');
    const off = new DataCache(database.db, { maxAgeMs: 0, checkEveryMs: 1_000 });
    let computed = 0;
    await off.get('k', () => Promise.resolve(++computed));
    await off.get('k', () => Promise.resolve(++computed));
    expect(computed).toBe(2);
  });

  it('refreshes the most recently asked stale keys for a new version, keeping their age, and stops when told', async () => {
    let clock = 0;
    const cache = new DataCache(database.db, { maxAgeMs: 60_000, checkEveryMs: 1_000, refreshKeys: 2, clock: () => clock });
    const computed: Record<string, number> = {};
    const counting = (key: string) => () => Promise.resolve(`${key}${(computed[key] = (computed[key] ?? 0) + 1)}`);
    for (const key of ['a', 'b', 'c']) await cache.get(key, counting(key));
    const before = await readDataVersion(database.db, 'dashboard');
    expect(await cache.refreshStale(before, () => Promise.resolve(true))).toBe(0); // nothing stale
    await insertVerbatims(database.db, [surveyAnswer(98)]);
    const after = await readDataVersion(database.db, 'dashboard');
    clock += 30_000;
    // Only the two keys asked last are remembered; told to stop at once, none is recomputed.
    expect(await cache.refreshStale(after, () => Promise.resolve(false))).toBe(0);
    expect(await cache.refreshStale(after, () => Promise.resolve(true))).toBe(2);
    expect(computed).toEqual({ a: 1, b: 2, c: 2 });
    const never = () => Promise.reject(new Error('a refreshed key must not be computed again'));
    expect([await cache.get('b', never), await cache.get('c', never)]).toEqual(['b2', 'c2']);
    expect(await cache.get('a', counting('a'))).toBe('a2');
    // A refreshed entry keeps the age of the answer it replaced (asked at 0, refreshed at 30 s).
    clock += 30_000;
    expect(await cache.get('c', counting('c'))).toBe('c3');
  });
});

describe('startCacheRefresh', () => {
  it('recomputes the viewed reports once a new version has held for an interval, and not after stop()', async () => {
    const cache = new DataCache(database.db, { maxAgeMs: 60_000, checkEveryMs: 0, refreshKeys: 4 });
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    expect(await cache.get('overview', compute)).toBe(1);
    const refresh = startCacheRefresh(cache, () => readDataVersion(database.db, 'dashboard'), 20);
    await sleep(100); // the version it starts on is the one the cache holds: nothing to do
    expect(computed).toBe(1);
    await insertVerbatims(database.db, [surveyAnswer(97)]);
    await until(() => computed === 2);
    expect(await cache.get('overview', () => Promise.reject(new Error('computed again')))).toBe(2);
    await refresh.stop();
    await insertVerbatims(database.db, [surveyAnswer(96)]);
    await sleep(150);
    expect(computed).toBe(2);
  });
});

describe('startCacheRefresh, started after the data changed', () => {
  it('refreshes a report computed on an older version than the first it reads', async () => {
    const cache = new DataCache(database.db, { maxAgeMs: 60_000, checkEveryMs: 0, refreshKeys: 4 });
    let computed = 0;
    expect(await cache.get('overview', () => Promise.resolve(++computed))).toBe(1);
    await insertVerbatims(database.db, [surveyAnswer(95)]);
    const refresh = startCacheRefresh(cache, () => readDataVersion(database.db, 'dashboard'), 20);
    try {
      await until(() => computed === 2);
    } finally {
      await refresh.stop();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `done()` holds, checking every 10 ms; fails after 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error('timed out waiting');
    await sleep(10);
  }
}

