import { sql, type Kysely } from 'kysely';
import { classifyMoment, DEFAULT_MOMENT_THRESHOLDS, sideValence, type MomentCell, type MomentThresholds } from '../../analysis/moment-matrix.js';
import type { Database } from '../../db/schema.js';
import type { ViewFilters } from '../filters.js';
import { whereRows } from './where-verbatims.js';

/**
 * The moment matrix of `analysis/moment-matrix.ts` (same valence, thresholds and six
 * moments) over the rows the filters allow. Unlike `buildMomentMatrix`, which keeps
 * only the date range, every filter applies here, the token's scope first: a viewer
 * scoped to a branch sees the customers and the staff of that branch only.
 *
 * @example await scopedMomentMatrix(db, { segments: { branch: 'Lyon' } }) // [{ step: 'onboarding', moment: 'douleur', … }]
 */
export async function scopedMomentMatrix(db: Kysely<Database>, filters: ViewFilters, thresholds: MomentThresholds = DEFAULT_MOMENT_THRESHOLDS): Promise<MomentCell[]> {
  const { respondent: _both, ...allRespondents } = filters;
  const rows = await db
    .selectFrom('verbatims as v')
    .where(whereRows(allRespondents))
    .where('v.journey', 'is not', null)
    .where('v.text', '<>', '')
    .where('v.sentiment', 'is not', null)
    .where('v.respondent', 'in', ['customer', 'employee'])
    .groupBy(['v.journey', 'v.respondent'])
    .select([
      'v.journey',
      'v.respondent',
      sql<string>`count(*)`.as('n'),
      sql<string>`count(*) filter (where v.sentiment = 'positive')`.as('positive'),
      sql<string>`count(*) filter (where v.sentiment = 'negative')`.as('negative'),
    ])
    .execute();
  const side = (step: string, respondent: string) => {
    const row = rows.find((candidate) => candidate.journey === step && candidate.respondent === respondent);
    return sideValence(Number(row?.n ?? 0), Number(row?.positive ?? 0), Number(row?.negative ?? 0), thresholds);
  };
  return [...new Set(rows.map((row) => row.journey as string))].sort().map((step) => {
    const customer = side(step, 'customer');
    const employee = side(step, 'employee');
    return { step, customer, employee, moment: classifyMoment(customer.signal, employee.signal) };
  });
}
