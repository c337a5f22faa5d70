import { beforeEach, expect, it } from 'vitest';
import {
  countDetractorsWithoutFollowup,
  cutoffDate,
  DEFAULT_FOLLOWUP_CUTOFF,
  listFollowups,
  openDetractorFollowups,
  type FollowupCutoff,
} from '../../db/followups.table.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { surveyAnswer } from './verbatim-fixtures.js';

const DAY = 86_400_000;
const now = new Date('2026-12-06T12:00:00.000Z');
const daysAgo = (days: number): string => new Date(now.getTime() - days * DAY).toISOString();

/** A detractor a year old (history), one from 2 days ago, and a recent promoter (never a callback). */
const old = surveyAnswer(1, { nps: 2, createdAt: daysAgo(365) });
const recent = surveyAnswer(2, { nps: 5, createdAt: daysAgo(2) });
const promoter = surveyAnswer(3, { nps: 10, createdAt: daysAgo(1) });

const opened = async (db: Parameters<typeof listFollowups>[0]): Promise<string[]> => (await listFollowups(db)).map((f) => f.verbatim_id).sort();

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
    await insertVerbatims(database().db, [old, recent, promoter]);
  });

  it.each<[string, FollowupCutoff, string[]]>([
    ['the default (7 days before now)', DEFAULT_FOLLOWUP_CUTOFF, [recent.id]],
    ['a date between the two', { kind: 'since', at: new Date(daysAgo(30)) }, [recent.id]],
    ['a date after both', { kind: 'since', at: new Date(daysAgo(1)) }, []],
    ['all', { kind: 'all' }, [old.id, recent.id].sort()],
  ])('%s: opens callbacks only for detractors answered since the cut-off', async (_name, cutoff, expected) => {
    const { db } = database();
    expect(await openDetractorFollowups(db, now, cutoff)).toBe(expected.length);
    expect(await opened(db)).toEqual(expected);
  });

  it('counts the older detractors left without a callback, and opens them when asked later', async () => {
    const { db } = database();
    await openDetractorFollowups(db, now, DEFAULT_FOLLOWUP_CUTOFF);
    const before = await cutoffDate(db, DEFAULT_FOLLOWUP_CUTOFF, now);
    expect(before?.toISOString()).toBe(daysAgo(7));
    expect(await countDetractorsWithoutFollowup(db, before ?? now)).toBe(1);
    expect(await openDetractorFollowups(db, now, { kind: 'all' })).toBe(1);
    expect(await countDetractorsWithoutFollowup(db, before ?? now)).toBe(0);
  });

  it('an undated answer is judged by when it was imported', async () => {
    const { db } = database();
    const undated = surveyAnswer(4, { nps: 0, createdAt: null });
    await insertVerbatims(db, [undated]);
    // Imported just now (the database clock): kept by a cut-off of a minute ago, left out by one an hour ahead.
    expect(await openDetractorFollowups(db, now, { kind: 'since', at: new Date(Date.now() + 3_600_000) })).toBe(0);
    await openDetractorFollowups(db, now, { kind: 'since', at: new Date(Date.now() - 60_000) });
    expect(await opened(db)).toContain(undated.id);
    expect(await opened(db)).not.toContain(old.id);
  });

  it('counts back from the newest customer answer when data is dated in the past (the demo)', async () => {
    const { db } = database();
    const muchLater = new Date(now.getTime() + 200 * DAY);
    const cutoff: FollowupCutoff = { kind: 'days', days: 7, before: 'newest-answer' };
    // The newest answer is the promoter's, a day before `now`: the window is the 7 days before it.
    expect((await cutoffDate(db, cutoff, muchLater))?.toISOString()).toBe(daysAgo(8));
    expect(await openDetractorFollowups(db, muchLater, cutoff)).toBe(1);
    expect(await opened(db)).toEqual([recent.id]);
    // Counted back from the (much later) clock instead, nothing would open.
    await truncateAll(db);
    await insertVerbatims(db, [old, recent, promoter]);
    expect(await openDetractorFollowups(db, muchLater, DEFAULT_FOLLOWUP_CUTOFF)).toBe(0);
  });
});
