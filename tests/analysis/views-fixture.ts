import type { Kysely } from 'kysely';
import { closeFollowup, openDetractorFollowups } from '../../db/followups.table.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import type { JourneyStep, SentimentLabel } from '../../core/vocabulary.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { truncateAll } from '../support/databases.js';

const advisor = (score: number, evidence: string): ThemeMention => ({ theme: 'advisor_quality', sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence });
const fees = (score: number, evidence: string): ThemeMention => ({ theme: 'fees_pricing', sentiment: 'negative', score, confidence: 0.9, evidence });
const workload: ThemeMention = { theme: 'workload', sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: 'too much work' };

interface Answer {
  readonly n: number;
  readonly nps: number;
  readonly text: string;
  readonly date: string;
  readonly branch: string;
  readonly journey: JourneyStep | null;
  readonly sentiment: SentimentLabel;
  readonly themes: readonly ThemeMention[];
}

/**
 * Ten customer answers (the hand computations in the tests read this table):
 *
 * | n  | NPS | cat | themes          | journey            | branch | month | sentiment |
 * |----|-----|-----|-----------------|--------------------|--------|-------|-----------|
 * | 1  | 10  | P   | advisor         | support_contact    | Lyon   | 02    | positive  |
 * | 2  | 10  | P   | advisor         | support_contact    | Lyon   | 02    | positive  |
 * | 3  |  9  | P   | advisor         | support_contact    | Lyon   | 03    | positive  |
 * | 4  |  9  | P   | —               | onboarding         | Lyon   | 03    | positive  |
 * | 5  |  9  | P   | —               | onboarding         | Lyon   | 03    | positive  |
 * | 6  |  8  | N   | fees            | billing_statements | Paris  | 03    | negative  |
 * | 7  |  7  | N   | —               | closure            | Paris  | 02    | negative  |
 * | 8  |  8  | N   | —               | closure            | Paris  | 02    | negative  |
 * | 9  |  2  | D   | fees            | billing_statements | Paris  | 03    | negative  |
 * | 10 |  0  | D   | fees, advisor   | billing_statements | Nice   | 03    | negative  |
 *
 * Six employee answers, all with the theme `workload`: 10, 9, 8 at support_contact
 * (negative), 7, 9 at billing_statements (positive), 10 at onboarding (positive).
 */
export const CUSTOMER_ANSWERS: readonly Answer[] = [
  { n: 1, nps: 10, text: 'The advisor was very helpful', date: '2026-02-10T09:30:00Z', branch: 'Lyon', journey: 'support_contact', sentiment: 'positive', themes: [advisor(0.8, 'The advisor was very helpful')] },
  { n: 2, nps: 10, text: 'Helpful advisor, quick answer', date: '2026-02-11T09:30:00Z', branch: 'Lyon', journey: 'support_contact', sentiment: 'positive', themes: [advisor(0.6, 'Helpful advisor')] },
  { n: 3, nps: 9, text: 'My advisor explained everything', date: '2026-03-05T09:30:00Z', branch: 'Lyon', journey: 'support_contact', sentiment: 'positive', themes: [advisor(0.4, 'My advisor explained everything')] },
  { n: 4, nps: 9, text: 'Card arrived quickly', date: '2026-03-06T09:30:00Z', branch: 'Lyon', journey: 'onboarding', sentiment: 'positive', themes: [] },
  { n: 5, nps: 9, text: 'Card arrived quickly, thanks', date: '2026-03-07T09:30:00Z', branch: 'Lyon', journey: 'onboarding', sentiment: 'positive', themes: [] },
  { n: 6, nps: 8, text: 'Account fees are high', date: '2026-03-08T09:30:00Z', branch: 'Paris', journey: 'billing_statements', sentiment: 'negative', themes: [fees(-0.2, 'Account fees are high')] },
  { n: 7, nps: 7, text: 'Card arrived late', date: '2026-02-12T09:30:00Z', branch: 'Paris', journey: 'closure', sentiment: 'negative', themes: [] },
  { n: 8, nps: 8, text: 'Nothing special', date: '2026-02-13T09:30:00Z', branch: 'Paris', journey: 'closure', sentiment: 'negative', themes: [] },
  { n: 9, nps: 2, text: 'Hidden fees everywhere', date: '2026-03-09T09:30:00Z', branch: 'Paris', journey: 'billing_statements', sentiment: 'negative', themes: [fees(-0.6, 'Hidden fees everywhere')] },
  {
    n: 10,
    nps: 0,
    text: 'Account fees doubled and the advisor never told me',
    date: '2026-03-10T09:30:00Z',
    branch: 'Nice',
    journey: 'billing_statements',
    sentiment: 'negative',
    themes: [fees(-1, 'Account fees doubled'), advisor(-0.5, 'the advisor never told me')],
  },
];

const EMPLOYEE_ANSWERS = [
  { n: 101, nps: 10, journey: 'support_contact', sentiment: 'negative' },
  { n: 102, nps: 9, journey: 'support_contact', sentiment: 'negative' },
  { n: 103, nps: 8, journey: 'support_contact', sentiment: 'negative' },
  { n: 104, nps: 7, journey: 'billing_statements', sentiment: 'positive' },
  { n: 105, nps: 9, journey: 'billing_statements', sentiment: 'positive' },
  { n: 106, nps: 10, journey: 'onboarding', sentiment: 'positive' },
] as const;

/** When the follow-ups are looked at: answer 10's callback (due 12 March 09:30) is 24 h late. */
export const SLA_NOW = new Date('2026-03-13T09:30:00Z');

/** Empties the database and writes the fixture, with answer 9's callback closed in time and answer 10's left open. */
export async function seedViews(db: Kysely<Database>): Promise<void> {
  await truncateAll(db);
  const customers = CUSTOMER_ANSWERS.map((answer) =>
    surveyAnswer(answer.n, { nps: answer.nps, text: answer.text, createdAt: answer.date, segments: { branch: answer.branch } }),
  );
  const employees = EMPLOYEE_ANSWERS.map((answer) =>
    surveyAnswer(answer.n, { nps: answer.nps, text: `Employee answer ${answer.n}`, createdAt: '2026-03-01T09:30:00Z', respondent: 'employee', segments: { team: 'front office' } }),
  );
  await insertVerbatims(db, [...customers, ...employees]);
  await saveEnrichments(db, [
    ...customers.map((verbatim, index) => {
      const answer = CUSTOMER_ANSWERS[index] as Answer;
      return enriched(verbatim, { themes: [...answer.themes], journey: answer.journey, sentiment: answer.sentiment });
    }),
    ...employees.map((verbatim, index) => {
      const answer = EMPLOYEE_ANSWERS[index] as (typeof EMPLOYEE_ANSWERS)[number];
      return enriched(verbatim, { themes: [workload], journey: answer.journey, sentiment: answer.sentiment });
    }),
  ]);
  await openDetractorFollowups(db, new Date('2026-03-10T10:00:00Z'));
  const first = await db.selectFrom('followups').select('id').orderBy('due_at').executeTakeFirstOrThrow();
  await closeFollowup(db, first.id, 'called back', new Date('2026-03-10T12:00:00Z'));
}
