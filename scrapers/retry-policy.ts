/** When a failed request is tried again, and after how long. */
export interface RetryPolicy {
  /** Attempts after the first (default 3). */
  readonly retries: number;
  /** First backoff delay; doubles at each attempt (default 500 ms). */
  readonly backoffBaseMs: number;
  /** Upper bound of a backoff delay (default 30 s). */
  readonly backoffMaxMs: number;
  /** A `Retry-After` longer than this is not waited for: the URL fails instead (default 120 s). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ retries: 3, backoffBaseMs: 500, backoffMaxMs: 30_000, maxRetryAfterMs: 120_000 });

/** 429 and the 5xx statuses that say "try later"; 501 and 505 will not get better. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504 || status === 408;
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date;
 * `undefined` when absent or unreadable.
 *
 * @example parseRetryAfter('2', new Date()) // 2000
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** Exponential backoff with full jitter: attempt 0 waits up to `base`, attempt 1 up to `2 × base` … */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
