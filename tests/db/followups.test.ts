import { beforeEach, expect, it } from 'vitest';
import { assignFollowup, closeFollowup, listFollowups, openDetractorFollowups } from '../../db/followups.table.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { surveyAnswer } from './verbatim-fixtures.js';

const HOUR = 3_600_000;
const now = new Date('2026-06-01T12:00:00.000Z');

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('opens one callback per customer detractor, due exactly 48 h after the answer, never twice', async () => {
    const { db } = database();
    const answered = '2026-05-30T08:15:00.000Z';
    const detractor = surveyAnswer(1, { nps: 6, createdAt: answered });
    const undated = surveyAnswer(2, { nps: 0, createdAt: null });
    await insertVerbatims(db, [
      detractor,
      undated,
      surveyAnswer(3, { nps: 7 }),
      surveyAnswer(4, { nps: 10 }),
      surveyAnswer(5, { nps: null }),
      surveyAnswer(6, { nps: 2, respondent: 'employee' }),
    ]);

    expect(await openDetractorFollowups(db, now)).toBe(2);
    expect(await openDetractorFollowups(db, now)).toBe(0);

    const list = await listFollowups(db);
    expect(list.map((f) => f.verbatim_id).sort()).toEqual([detractor.id, undated.id].sort());
    const first = list.find((f) => f.verbatim_id === detractor.id);
    expect(first?.due_at.toISOString()).toBe(new Date(Date.parse(answered) + 48 * HOUR).toISOString());
    expect(first).toMatchObject({ status: 'open', assignee: null, nps: 6, text: detractor.text, created_at: now });
    // Without a date, the clock starts when the answer was imported.
    const second = list.find((f) => f.verbatim_id === undated.id);
    const imported = await db.selectFrom('verbatims').select('imported_at').where('id', '=', undated.id).executeTakeFirstOrThrow();
    expect(second?.due_at.getTime()).toBe(imported.imported_at.getTime() + 48 * HOUR);

    // A new detractor later gets its own; the old ones are not duplicated.
    await insertVerbatims(db, [surveyAnswer(7, { nps: 3 })]);
    expect(await openDetractorFollowups(db, now)).toBe(1);
    expect(await listFollowups(db)).toHaveLength(3);
  });

  it('assigns, closes and reports overdue follow-ups', async () => {
    const { db } = database();
    await insertVerbatims(db, [
      surveyAnswer(1, { nps: 1, createdAt: '2026-05-01T00:00:00.000Z' }), // due 05-03: overdue
      surveyAnswer(2, { nps: 4, createdAt: '2026-05-20T00:00:00.000Z' }), // due 05-22: overdue
      surveyAnswer(3, { nps: 5, createdAt: '2026-06-01T00:00:00.000Z' }), // due 06-03: not yet
    ]);
    await openDetractorFollowups(db, now);
    const [oldest, middle, recent] = await listFollowups(db);
    if (!oldest || !middle || !recent) throw new Error('expected three follow-ups');

    expect(await assignFollowup(db, middle.id, 'claire@branch-12')).toMatchObject({ status: 'assigned', assignee: 'claire@branch-12' });
    const closedAt = new Date('2026-06-01T15:00:00.000Z');
    expect(await closeFollowup(db, oldest.id, 'called back, fee refunded', closedAt)).toMatchObject({
      status: 'closed',
      note: 'called back, fee refunded',
      closed_at: closedAt,
    });
    expect(await closeFollowup(db, oldest.id, 'again', closedAt)).toBeUndefined();
    expect(await assignFollowup(db, oldest.id, 'someone')).toBeUndefined();
    expect(await assignFollowup(db, 999_999, 'someone')).toBeUndefined();

    expect((await listFollowups(db, { overdueAt: now })).map((f) => f.id)).toEqual([middle.id]);
    expect((await listFollowups(db, { status: 'open' })).map((f) => f.id)).toEqual([recent.id]);
    expect((await listFollowups(db, { status: 'closed' })).map((f) => f.id)).toEqual([oldest.id]);
  });
});
