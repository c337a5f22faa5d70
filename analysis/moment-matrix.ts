import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_MIN_GROUP, floorSide } from './anonymity-floor.js';
import { round } from './nps.js';
import { scopeConditions } from './report-filters.js';
import type { Respondent } from '../core/vocabulary.js';

/** The six moments of the customer × employee matrix. */
export const MOMENT_KINDS = ['moment_formidable', 'coup_de_chance', 'douleur', 'mauvais_combat', 'cecite', 'impasse'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

/** What a side says of a step: positive, negative, neutral, or too few answers to tell. */
export type Signal = 'positive' | 'negative' | 'neutral' | 'none';

/**
 * When a valence counts as positive or negative. Valence = (positive − negative) /
 * answers with a sentiment, over the commented verbatims of one side at one step, −1..1.
 */
export interface MomentThresholds {
  /** Valence at or above it is positive (default 0.1). */
  readonly positive: number;
  /** Valence at or below it is negative (default −0.1). */
  readonly negative: number;
  /** Fewer answers than this on a side is no signal (default 5). */
  readonly minAnswers: number;
}

export const DEFAULT_MOMENT_THRESHOLDS: MomentThresholds = Object.freeze({ positive: 0.1, negative: -0.1, minAnswers: 5 });

export interface SideValence {
  readonly n: number;
  readonly positive: number;
  readonly negative: number;
  /** null when n = 0. */
  readonly valence: number | null;
  readonly signal: Signal;
  /** Set when an employee side is below the anonymity floor (`floorSide`): what to show instead. */
  readonly withheld?: string;
}

export interface MomentCell {
  readonly step: string;
  readonly customer: SideValence;
  readonly employee: SideValence;
  /** null when customers give no positive or negative signal. */
  readonly moment: MomentKind | null;
}

export interface MomentMatrix {
  readonly thresholds: MomentThresholds;
  readonly steps: readonly MomentCell[];
}

/** Checks thresholds given on the command line or by an API caller. */
export function validateMomentThresholds(thresholds: Partial<MomentThresholds>): MomentThresholds {
  const merged = { ...DEFAULT_MOMENT_THRESHOLDS, ...thresholds };
  if (!(merged.positive > 0 && merged.positive <= 1)) throw new RangeError(`Expected \`positive\` to be a number in (0, 1], got \`${merged.positive}\``);
  if (!(merged.negative < 0 && merged.negative >= -1)) throw new RangeError(`Expected \`negative\` to be a number in [−1, 0), got \`${merged.negative}\``);
  if (!Number.isInteger(merged.minAnswers) || merged.minAnswers < 1) throw new RangeError(`Expected \`minAnswers\` to be an integer from 1 and up, got \`${merged.minAnswers}\``);
  return Object.freeze(merged);
}

/** The signal of one side from its counts. */
export function sideValence(n: number, positive: number, negative: number, thresholds: MomentThresholds): SideValence {
  const valence = n === 0 ? null : (positive - negative) / n;
  let signal: Signal = 'neutral';
  if (valence === null || n < thresholds.minAnswers) signal = 'none';
  else if (valence >= thresholds.positive) signal = 'positive';
  else if (valence <= thresholds.negative) signal = 'negative';
  return { n, positive, negative, valence: valence === null ? null : round(valence, 3), signal };
}

/**
 * The moment of a step: customer + / employee + → moment formidable, + / none → coup
 * de chance, + / − → douleur, − / + → mauvais combat, − / none → cécité, − / − → impasse.
 * An employee side that is neutral counts as no signal.
 */
export function classifyMoment(customer: Signal, employee: Signal): MomentKind | null {
  if (customer === 'positive') return employee === 'positive' ? 'moment_formidable' : employee === 'negative' ? 'douleur' : 'coup_de_chance';
  if (customer === 'negative') return employee === 'positive' ? 'mauvais_combat' : employee === 'negative' ? 'impasse' : 'cecite';
  return null;
}

/**
 * What both sides of the matrix share: the period of the page's filters and the
 * viewer's role scope (a branch). Not the page's other filters: employee answers carry
 * other segments (team, branch) than customers, so a customer filter would empty them.
 */
export interface MomentScope {
  readonly from?: string;
  readonly to?: string;
  /** The viewer's role scope (`{ branch: 'Lyon' }`): customers and staff of that branch only. */
  readonly segments?: Readonly<Record<string, string>>;
}

/** Commented verbatims with a sentiment at one journey step, from one side: what the matrix is computed from. */
export interface MomentCount {
  readonly step: string;
  readonly respondent: Respondent;
  readonly n: number;
  readonly positive: number;
  readonly negative: number;
}

/**
 * Customer and employee valence per journey step from one GROUP BY, on the rows of
 * `scope` (period and role scope; see `MomentScope`). The employee side of a step with
 * fewer than `minGroup` answers is withheld (`floorSide`): it gives no signal.
 */
export async function buildMomentMatrix(
  db: Kysely<Database>,
  scope: MomentScope,
  thresholds: MomentThresholds = DEFAULT_MOMENT_THRESHOLDS,
  minGroup: number = DEFAULT_MIN_GROUP,
): Promise<MomentMatrix> {
  return momentMatrixOf(await queryMomentCounts(db, scope), thresholds, minGroup);
}

/** The counts of `buildMomentMatrix` on the source: one GROUP BY step and respondent. */
export async function queryMomentCounts(db: Kysely<Database>, scope: MomentScope): Promise<MomentCount[]> {
  const rows = await db
    .selectFrom('verbatims as v')
    .where((eb) => eb.and(scopeConditions(eb, scope)))
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
  return rows.map((row) => ({
    step: String(row.journey),
    respondent: row.respondent === 'employee' ? 'employee' : 'customer',
    n: Number(row.n),
    positive: Number(row.positive),
    negative: Number(row.negative),
  }));
}

/** The matrix from its counts (`queryMomentCounts`, or the replica's): the maths of `buildMomentMatrix`, whichever engine counted. */
export function momentMatrixOf(counts: readonly MomentCount[], thresholds: MomentThresholds, minGroup: number): MomentMatrix {
  const steps = [...new Set(counts.map((row) => row.step))].sort();
  const side = (step: string, respondent: MomentCount['respondent']): SideValence => {
    const row = counts.find((candidate) => candidate.step === step && candidate.respondent === respondent);
    return sideValence(row?.n ?? 0, row?.positive ?? 0, row?.negative ?? 0, thresholds);
  };
  return {
    thresholds,
    steps: steps.map((step) => {
      const customer = side(step, 'customer');
      const employee = floorSide(side(step, 'employee'), minGroup);
      return { step, customer, employee, moment: classifyMoment(customer.signal, employee.signal) };
    }),
  };
}
