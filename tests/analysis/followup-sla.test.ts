import { beforeAll, expect, it } from 'vitest';
import { followupSla } from '../../analysis/followup-sla.js';
import { assignFollowup, closeFollowup, openDetractorFollowups } from '../../db/followups.table.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/**
 * Four detractors, each due 48 h after answering; looked at on 6 March 12:00 UTC:
 * A answered 1 Mar 09:00 → due 3 Mar 09:00, closed 2 Mar 09:00 (in time)
 * B answered 1 Mar 10:00 → due 3 Mar 10:00, closed 4 Mar 10:00 (24 h late)
 * C answered 5 Mar 12:00 → due 7 Mar 12:00, open (not due yet: not in the base)
 * D answered 3 Mar 12:00 → due 5 Mar 12:00, assigned to bob, not closed (24 h overdue)
 * and a promoter, who gets no follow-up.
 */
const NOW = new Date('2026-03-06T12:00:00Z');
const ANSWERS = [
  { n: 1, nps: 3, date: '2026-03-01T09:00:00Z' },
  { n: 2, nps: 5, date: '2026-03-01T10:00:00Z' },
  { n: 3, nps: 0, date: '2026-03-05T12:00:00Z' },
  { n: 4, nps: 6, date: '2026-03-03T12:00:00Z' },
  { n: 5, nps: 10, date: '2026-03-03T12:00:00Z' },
] as const;

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    await insertVerbatims(db, ANSWERS.map((answer) => surveyAnswer(answer.n, { nps: answer.nps, createdAt: answer.date })));
    expect(await openDetractorFollowups(db, new Date('2026-03-05T13:00:00Z'))).toBe(4);
    const ids = new Map((await db.selectFrom('followups as f').innerJoin('verbatims as v', 'v.id', 'f.verbatim_id').select(['f.id', 'v.external_id']).execute()).map((row) => [row.external_id, row.id]));
    await closeFollowup(db, ids.get('R-1') ?? 0, 'called back', new Date('2026-03-02T09:00:00Z'));
    await closeFollowup(db, ids.get('R-2') ?? 0, 'called back late', new Date('2026-03-04T10:00:00Z'));
    await assignFollowup(db, ids.get('R-4') ?? 0, 'bob');
  });

  it('closed late is closed but not in time; open and not yet due is outside the base', async () => {
    const sla = await followupSla(database().db, {}, NOW);
    // due = A, B (closed) + D (past due) = 3; in time = A → compliance 1/3
    expect(sla).toEqual({
      due_hours: 48,
      total: 4,
      open: 1,
      assigned: 1,
      closed: 2,
      closed_in_time: 1,
      due: 3,
      compliance: 0.3333,
      overdue: 1,
      overdue_list: [
        { id: expect.any(Number), verbatim_id: expect.any(String), external_id: 'R-4', source: 'nps-test', nps: 6, status: 'assigned', assignee: 'bob', due_at: '2026-03-05T12:00:00.000Z', hours_late: 24 },
      ],
    });
  });
});
