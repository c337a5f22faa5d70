import { beforeEach, expect, it } from 'vitest';
import { assignFollowup, closeFollowups, listFollowups, openDetractorFollowups } from '../../db/followups.table.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { QueryCounter, surveyAnswer } from './verbatim-fixtures.js';

const now = new Date('2026-06-01T12:00:00.000Z');
const closedAt = new Date('2026-06-02T09:00:00.000Z');

/** Five detractors: three overdue at `now` (answered in May), two not yet due; Lyon and Paris alternate. */
const answers = [
  surveyAnswer(1, { nps: 1, createdAt: '2026-05-01T08:00:00.000Z', segments: { branch: 'Lyon' } }),
  surveyAnswer(2, { nps: 2, createdAt: '2026-05-10T08:00:00.000Z', segments: { branch: 'Paris' } }),
  surveyAnswer(3, { nps: 3, createdAt: '2026-05-20T08:00:00.000Z', segments: { branch: 'Lyon' } }),
  surveyAnswer(4, { nps: 4, createdAt: '2026-06-01T08:00:00.000Z', segments: { branch: 'Paris' } }),
  surveyAnswer(5, { nps: 5, createdAt: '2026-06-01T10:00:00.000Z', segments: { branch: 'Lyon' } }),
];

forEachDatabase((database) => {
  /** Follow-up ids by the answer's number (1–5). */
  let idOf: (n: number) => number;

  beforeEach(async () => {
    const { db } = database();
    await truncateAll(db);
    await insertVerbatims(db, answers);
    await openDetractorFollowups(db, now);
    const byVerbatim = new Map((await listFollowups(db)).map((f) => [f.verbatim_id, f.id]));
    idOf = (n) => byVerbatim.get(answers[n - 1]?.id ?? '') ?? 0;
  });

  const state = async () =>
    (await listFollowups(database().db)).map((f) => ({ id: f.id, status: f.status, close_reason: f.close_reason, closed_at: f.closed_at }));

  it('closes only the ids given, in one statement (and the version bump), with the reason stored; names the ids it could not close', async () => {
    const { db } = database();
    const counter = new QueryCounter();
    const result = await closeFollowups(db.withPlugin(counter), { kind: 'ids', ids: [idOf(4), idOf(2), 999_999] }, 'called from the branch list', closedAt);
    expect(counter.count).toBe(2);
    expect(result).toEqual({ closed: [idOf(2), idOf(4)].sort((a, b) => a - b), notClosed: [999_999] });
    const closed = (await state()).filter((f) => f.status === 'closed');
    expect(closed).toEqual([
      { id: idOf(2), status: 'closed', close_reason: 'called from the branch list', closed_at: closedAt },
      { id: idOf(4), status: 'closed', close_reason: 'called from the branch list', closed_at: closedAt },
    ]);
    // Closed ones stay as they are: a second close changes nothing and says so.
    expect(await closeFollowups(db, { kind: 'ids', ids: [idOf(2)] }, 'again', now)).toEqual({ closed: [], notClosed: [idOf(2)] });
    expect((await state()).find((f) => f.id === idOf(2))?.close_reason).toBe('called from the branch list');
  });

  it('closes every overdue one (assigned included), leaving those not yet due', async () => {
    const { db } = database();
    await assignFollowup(db, idOf(3), 'claire');
    const { closed } = await closeFollowups(db, { kind: 'overdue', at: now }, 'backlog from before the programme', closedAt);
    expect(closed).toEqual([idOf(1), idOf(2), idOf(3)]);
    expect((await state()).filter((f) => f.status !== 'closed').map((f) => f.id)).toEqual([idOf(4), idOf(5)]);
  });

  it('closes those answered before a date, and only within a scope when given one', async () => {
    const { db } = database();
    const before = new Date('2026-05-15T00:00:00.000Z');
    expect((await closeFollowups(db, { kind: 'answered-before', before }, 'history', closedAt, { branch: 'Lyon' })).closed).toEqual([idOf(1)]);
    expect((await closeFollowups(db, { kind: 'answered-before', before }, 'history', closedAt)).closed).toEqual([idOf(2)]);
    // A scoped caller cannot close another branch's follow-up by id.
    expect(await closeFollowups(db, { kind: 'ids', ids: [idOf(4)] }, 'x', closedAt, { branch: 'Lyon' })).toEqual({ closed: [], notClosed: [idOf(4)] });
    expect((await state()).filter((f) => f.status === 'closed').map((f) => f.id)).toEqual([idOf(1), idOf(2)]);
  });

  it('lists by owner and by segment value', async () => {
    const { db } = database();
    await assignFollowup(db, idOf(1), 'claire');
    await assignFollowup(db, idOf(2), 'claire');
    await assignFollowup(db, idOf(3), 'marc');
    expect((await listFollowups(db, { assignee: 'claire' })).map((f) => f.id)).toEqual([idOf(1), idOf(2)]);
    expect((await listFollowups(db, { segments: { branch: 'Lyon' } })).map((f) => f.id)).toEqual([idOf(1), idOf(3), idOf(5)]);
    expect((await listFollowups(db, { assignee: 'claire', segments: { branch: 'Lyon' } })).map((f) => f.id)).toEqual([idOf(1)]);
    expect(await listFollowups(db, { assignee: 'nobody' })).toEqual([]);
  });
});
