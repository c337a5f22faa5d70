import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import PQueue from 'p-queue';
import type { ReportFilters } from './report-filters.js';

/** A DuckDB statement's text and its named parameters (`$p0`, `$p1` …). */
export interface ReplicaStatement {
  readonly text: string;
  readonly params: Record<string, DuckDBValue>;
}

/** One result row with integers as numbers (DuckDB's BIGINT and HUGEINT come back as bigint). */
export type ReplicaRow = Record<string, string | number | boolean | Date | null>;

/** Each connection's statements, one at a time (`readReplicaRows`). */
const statementQueues = new WeakMap<DuckDBConnection, PQueue>();

/**
 * Runs a statement on the replica and returns its rows, counts as numbers. A connection's
 * statements are queued here and run one at a time, as DuckDB runs them anyway (each on all
 * cores): handed over at once, every waiting statement held one of libuv's four pool threads,
 * so the process's file reads queued behind them — a cold `verbatim report` at 1M waited
 * 1.3–2.3 s instead of 0.7 s for PGlite to read its files and start (db/README.md, "A cold report's start").
 */
export async function readReplicaRows(connection: DuckDBConnection, statement: ReplicaStatement): Promise<ReplicaRow[]> {
  let queue = statementQueues.get(connection);
  if (queue === undefined) {
    queue = new PQueue({ concurrency: 1 });
    statementQueues.set(connection, queue);
  }
  const reader = await queue.add(() => connection.runAndReadAll(statement.text, statement.params));
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])));
}

function plain(value: unknown): string | number | boolean | Date | null {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return String(value);
}

/**
 * The exact sum of the theme rows' scores in millionths (`t.score_micros`, stored as
 * `round(score * 10^6)`): DuckDB adds doubles in parallel in no fixed order, so a plain sum's
 * last bits — and so a third decimal at a rounding tie — could change from one run to the
 * next at scale. Integers add exactly, in any order.
 */
export const THEME_SCORE_MICROS_SUM = 'sum(t.score_micros)';

/** Collects parameters while a statement is written, each under a fresh name. */
export class ReplicaParams {
  readonly values: Record<string, DuckDBValue> = {};
  #next = 0;

  /** `$pN` bound to `value`. */
  add(value: DuckDBValue): string {
    const name = `p${this.#next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/**
 * The WHERE condition of every replica query on `verbatims v`: the same filters as
 * `whereFilters` (customers unless `respondent` says otherwise). Dates are compared in
 * UTC, as the source stores `timestamptz` and the replica its UTC wall time.
 */
export function replicaWhere(filters: ReportFilters, params: ReplicaParams): string {
  return [`v.respondent = ${params.add(filters.respondent ?? 'customer')}`, ...replicaScopeConditions(filters, params)].join(' and ');
}

/** `scopeConditions` on the replica: the filters' conditions on `verbatims v`, respondent left out (the moment matrix reads both sides). */
export function replicaScopeConditions(filters: Omit<ReportFilters, 'respondent'>, params: ReplicaParams): string[] {
  const conditions: string[] = [];
  if (filters.from !== undefined) conditions.push(`v.created_at >= ${replicaTimestamp(filters.from, params)}`);
  if (filters.to !== undefined) conditions.push(`v.created_at < ${replicaTimestamp(filters.to, params)}`);
  if (filters.source !== undefined) conditions.push(`v.source = ${params.add(filters.source)}`);
  if (filters.lang !== undefined) conditions.push(`v.lang = ${params.add(filters.lang)}`);
  if (filters.journey !== undefined) conditions.push(`v.journey = ${params.add(filters.journey)}`);
  if (filters.npsCategory !== undefined) conditions.push(`v.nps_category = ${params.add(filters.npsCategory)}`);
  for (const [key, value] of Object.entries(filters.segments ?? {})) {
    conditions.push(`v.segments[${params.add(key)}] = ${params.add(value)}`);
  }
  return conditions;
}

/** A date (ISO text or `Date`) as a parameter cast to the replica's UTC `timestamp`, to the millisecond as the source's driver sends it. */
export function replicaTimestamp(value: string | Date, params: ReplicaParams): string {
  return `cast(${params.add(utcTimestamp(value))} as timestamp)`;
}

/** A filter date as the replica's UTC `timestamp` text, read as the source reads it (`new Date(value)`). */
function utcTimestamp(value: string | Date): string {
  return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
}

/** Category counts over `v` (only rows with a score count), as `countsColumns`. */
export const REPLICA_COUNTS = `count(*) filter (where v.nps_category = 'promoter') as promoters,
  count(*) filter (where v.nps_category = 'passive') as passives,
  count(*) filter (where v.nps_category = 'detractor') as detractors`;
