import { sql, type Kysely } from 'kysely';
import { round } from '../../analysis/nps.js';
import type { Database } from '../../db/schema.js';
import type { ViewFilters } from '../filters.js';
import { whereRows } from './where-verbatims.js';

/** Valence of one side at a moment: clearly positive, clearly negative, or no signal (too few or lukewarm). */
export type Valence = '+' | '-' | 'none';

/** The moment matrix's six cells (DESIGN.md), customer valence first; `unclear` when customers give no signal. */
export const MOMENT_KINDS = {
  '+/+': 'moment formidable',
  '+/none': 'coup de chance',
  '+/-': 'douleur',
  '-/+': 'mauvais combat',
  '-/none': 'cécité',
  '-/-': 'impasse',
} as const;

export interface MomentRow {
  readonly step: string;
  readonly customer: { readonly n: number; readonly sentiment: number | null; readonly valence: Valence };
  readonly employee: { readonly n: number; readonly sentiment: number | null; readonly valence: Valence };
  readonly kind: string;
}

/** Fewer verbatims than this on a side: no signal. */
export const MIN_SIDE = 5;
/** Mean sentiment beyond ±this is a clear valence. */
export const VALENCE_THRESHOLD = 0.1;

export function valenceOf(n: number, sentiment: number | null): Valence {
  if (n < MIN_SIDE || sentiment === null) return 'none';
  if (sentiment >= VALENCE_THRESHOLD) return '+';
  if (sentiment <= -VALENCE_THRESHOLD) return '-';
  return 'none';
}

/**
 * For each journey step: how customers feel (mean sentiment of their verbatims) and
 * how employees feel about the same moment, and the cell of the matrix it falls in.
 *
 * @example await momentMatrix(db, { segments: { branch: 'Lyon' } }) // [{ step: 'onboarding', kind: 'douleur', … }]
 */
export async function momentMatrix(db: Kysely<Database>, filters: ViewFilters): Promise<MomentRow[]> {
  const { respondent: _respondent, ...withoutRespondent } = filters;
  const rows = await db
    .selectFrom('verbatims as v')
    .where(whereRows(withoutRespondent))
    .where('v.journey', 'is not', null)
    .where('v.sentiment_score', 'is not', null)
    .where('v.text', '<>', '')
    .groupBy(['v.journey', 'v.respondent'])
    .select(['v.journey', 'v.respondent', sql<string>`count(*)`.as('n'), sql<string>`avg(v.sentiment_score)`.as('sentiment')])
    .execute();
  const steps = new Map<string, { customer: { n: number; sentiment: number | null }; employee: { n: number; sentiment: number | null } }>();
  for (const row of rows) {
    const step = row.journey as string;
    const entry = steps.get(step) ?? { customer: { n: 0, sentiment: null }, employee: { n: 0, sentiment: null } };
    const side = { n: Number(row.n), sentiment: row.sentiment === null ? null : round(Number(row.sentiment), 3) };
    if (row.respondent === 'employee') entry.employee = side;
    else entry.customer = side;
    steps.set(step, entry);
  }
  return [...steps.entries()]
    .map(([step, sides]) => {
      const customer = { ...sides.customer, valence: valenceOf(sides.customer.n, sides.customer.sentiment) };
      const employee = { ...sides.employee, valence: valenceOf(sides.employee.n, sides.employee.sentiment) };
      const key = `${customer.valence}/${employee.valence}` as keyof typeof MOMENT_KINDS;
      return { step, customer, employee, kind: MOMENT_KINDS[key] ?? 'unclear' };
    })
    .sort((a, b) => b.customer.n + b.employee.n - (a.customer.n + a.employee.n) || a.step.localeCompare(b.step));
}
