import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MIN_GROUP, LOWEST_MIN_GROUP } from '../analysis/anonymity-floor.js';
import { REPORT_ENGINES, type ReportEngine } from '../analysis/report-engines.js';
import { ConfigError } from '../core/errors.js';

const environmentSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').optional(),
  VERBATIM_DATA_DIR: z.string().min(1).optional(),
  VERBATIM_MODEL_DIR: z.string().min(1).optional(),
  VERBATIM_DEBUG: z.string().optional(),
  VERBATIM_QUEUE: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "a queue name (letters, digits, '_', '.', '-')").optional(),
  VERBATIM_QUEUE_LOCK_MS: wholeNumber(100, 'a number of milliseconds from 100 up'),
  VERBATIM_QUEUE_STALLED_MS: wholeNumber(100, 'a number of milliseconds from 100 up'),
  VERBATIM_QUEUE_ATTEMPTS: wholeNumber(1, 'a whole number from 1 up'),
  VERBATIM_QUEUE_BACKOFF_MS: wholeNumber(0, 'a number of milliseconds from 0 up'),
  VERBATIM_MIN_GROUP: wholeNumber(LOWEST_MIN_GROUP, `a whole number from ${LOWEST_MIN_GROUP} and up`),
  VERBATIM_SMTP_PASSWORD: z.string().optional(),
  VERBATIM_REPORT_ENGINE: z.enum(REPORT_ENGINES, { error: `one of ${REPORT_ENGINES.join(', ')}` }).optional(),
});

/** The environment the CLI reads, validated once and frozen. */
export interface Environment {
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  /** Where the embedded database, trained models and reports live. */
  readonly dataDir: string;
  /** Transformer-tier models (`sentiment/`, `embeddings/`), as `--model-dir`; unset = fast tier only. */
  readonly modelDir: string | undefined;
  readonly debug: boolean;
  /** Anonymity floor: employee groups smaller than this show no score (`VERBATIM_MIN_GROUP`, default 5, never below 3). */
  readonly minGroup: number;
  /** The SMTP password of the alert e-mails (`VERBATIM_SMTP_PASSWORD`): kept out of the rules file. */
  readonly smtpPassword: string | undefined;
  /** Where `verbatim report` and `serve` count (`VERBATIM_REPORT_ENGINE`; `--engine` wins for `report`); unset = `auto`. */
  readonly reportEngine: ReportEngine | undefined;
  /** BullMQ runner settings shared by `enrich --runner bullmq`, `worker` and `queue`; unset = the defaults. */
  readonly queue: Readonly<{
    name?: string;
    lockDurationMs?: number;
    stalledIntervalMs?: number;
    attempts?: number;
    backoffMs?: number;
  }>;
}

export function readEnvironment(env: NodeJS.ProcessEnv, cwd: string): Environment {
  const parsed = environmentSchema.safeParse(pickDefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`environment variable ${String(issue?.path[0])}: expected ${issue?.message ?? 'a valid value'}`);
  }
  const values = parsed.data;
  return Object.freeze({
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    dataDir: path.resolve(cwd, values.VERBATIM_DATA_DIR ?? '.verbatim'),
    modelDir: values.VERBATIM_MODEL_DIR === undefined ? undefined : path.resolve(cwd, values.VERBATIM_MODEL_DIR),
    debug: values.VERBATIM_DEBUG === '1' || values.VERBATIM_DEBUG === 'true',
    minGroup: values.VERBATIM_MIN_GROUP ?? DEFAULT_MIN_GROUP,
    smtpPassword: values.VERBATIM_SMTP_PASSWORD,
    reportEngine: values.VERBATIM_REPORT_ENGINE,
    queue: Object.freeze({
      name: values.VERBATIM_QUEUE,
      lockDurationMs: values.VERBATIM_QUEUE_LOCK_MS,
      stalledIntervalMs: values.VERBATIM_QUEUE_STALLED_MS,
      attempts: values.VERBATIM_QUEUE_ATTEMPTS,
      backoffMs: values.VERBATIM_QUEUE_BACKOFF_MS,
    }),
  });
}

/** A whole number from `min` up, given as text. */
function wholeNumber(min: number, message: string) {
  return z.coerce.number({ error: message }).int(message).min(min, message).optional();
}

/** Empty variables count as unset, as shells often export `VAR=`. */
function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
