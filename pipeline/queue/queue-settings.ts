/**
 * What the producer (`enrich --runner bullmq`) and every `verbatim worker` must agree
 * on: where Redis is, the queue's name, and the job semantics (locks, retries).
 */
export interface QueueSettings {
  /** `redis://…` or `rediss://…` (`REDIS_URL`). */
  readonly redisUrl: string;
  /** Queue name (`VERBATIM_QUEUE`); distinct names share one Redis without seeing each other's jobs. */
  readonly name: string;
  /** Key prefix in Redis: every key of the queue starts with `<prefix>:<name>:`. */
  readonly prefix: string;
  /** How long a worker's lock on a job lasts (renewed at half-time while the worker lives). A killed worker's jobs come back after it. */
  readonly lockDurationMs: number;
  /** How often live workers look for jobs whose lock expired (stalled) and put them back in the queue. */
  readonly stalledIntervalMs: number;
  /** How often one job may stall (its worker died) before it is failed for good. */
  readonly maxStalledCount: number;
  /** Tries per job, the first included, before it lands in the failed set. */
  readonly attempts: number;
  /** First retry delay; each further retry waits twice as long (exponential backoff). */
  readonly backoffMs: number;
}

export const DEFAULT_QUEUE_NAME = 'verbatim-enrich';

export const DEFAULT_QUEUE_SETTINGS = Object.freeze({
  name: DEFAULT_QUEUE_NAME,
  prefix: 'verbatim',
  lockDurationMs: 30_000,
  stalledIntervalMs: 15_000,
  maxStalledCount: 3,
  attempts: 5,
  backoffMs: 2_000,
});

/** BullMQ refuses `:` in queue names (it separates key parts); we keep to a plain, portable set. */
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Fills in defaults and validates once, up front, in p-queue's words:
 * ``Expected `lockDurationMs` to be an integer from 100 and up, got `0` (number)``.
 *
 * @example queueSettings({ redisUrl: 'redis://127.0.0.1:6379', name: 'nightly' })
 */
export function queueSettings(given: Partial<QueueSettings> & Pick<QueueSettings, 'redisUrl'>): QueueSettings {
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...withoutUndefined(given), redisUrl: given.redisUrl };
  if (!/^rediss?:\/\//.test(settings.redisUrl)) throw new TypeError(`Expected \`redisUrl\` to be a redis:// URL, got \`${settings.redisUrl}\``);
  for (const key of ['name', 'prefix'] as const) {
    if (!QUEUE_NAME.test(settings[key])) {
      throw new TypeError(`Expected \`${key}\` to be letters, digits, '_', '.' or '-' (no ':'), got \`${settings[key]}\``);
    }
  }
  expectInteger(settings, 'lockDurationMs', 100);
  expectInteger(settings, 'stalledIntervalMs', 100);
  expectInteger(settings, 'maxStalledCount', 0);
  expectInteger(settings, 'attempts', 1);
  expectInteger(settings, 'backoffMs', 0);
  return Object.freeze(settings);
}

/** BullMQ's connection option: it opens (and re-opens after an outage) its own ioredis clients from the URL. */
export function redisConnection(settings: Pick<QueueSettings, 'redisUrl'>): { url: string } {
  return { url: settings.redisUrl };
}

/** The URL without its password, fit for a log line. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function expectInteger(settings: QueueSettings, key: keyof QueueSettings, min: number): void {
  const value = settings[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TypeError(`Expected \`${key}\` to be an integer from ${min} and up, got \`${String(value)}\` (${typeof value})`);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
