import { sql, type Kysely } from 'kysely';
import { classifyMoment, DEFAULT_MOMENT_THRESHOLDS, sideValence, type MomentMatrix, type MomentThresholds } from '../../analysis/moment-matrix.js';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../db/tokens.table.js';
import { whereRows } from './where-verbatims.js';

/**
 * `analysis/buildMomentMatrix` (same valence, thresholds and six moments, same rows:
 * the period only, since employees carry other segments than customers) with the
 * token's scope ANDed in: a viewer scoped to a branch sees the customers and the
 * staff of that branch only.
 *
 * @example await scopedMomentMatrix(db, { from: '2026-01-01' }, { branch: 'Lyon' })
 */
export async function scopedMomentMatrix(
  db: Kysely<Database>,
  range: { readonly from?: string | undefined; readonly to?: string | undefined },
  scope: Scope,
  thresholds: MomentThresholds = DEFAULT_MOMENT_THRESHOLDS,
): Promise<MomentMatrix> {
  const filters = { segments: scope, ...(range.from === undefined ? {} : { from: range.from }), ...(range.to === undefined ? {} : { to: range.to }) };
  const rows = await db
    .selectFrom('verbatims as v')
    .where(whereRows(filters))
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
  return {
    thresholds,
    steps: [...new Set(rows.map((row) => row.journey as string))].sort().map((step) => {
      const customer = side(step, 'customer');
      const employee = side(step, 'employee');
      return { step, customer, employee, moment: classifyMoment(customer.signal, employee.signal) };
    }),
  };
}
