import { ConfigError, UsageError } from '../core/errors.js';
import { queueSettings, type QueueSettings } from '../pipeline/queue/queue-settings.js';
import type { Environment } from './environment.js';

/**
 * The queue settings of the environment (`REDIS_URL`, `VERBATIM_QUEUE`, `VERBATIM_QUEUE_*`),
 * or a usage error naming what `command` is missing.
 */
export function queueSettingsFrom(env: Environment, command: string): QueueSettings {
  if (env.redisUrl === undefined) {
    throw new UsageError(`${command} needs REDIS_URL (redis://HOST:PORT): the queue the producer and the workers share`);
  }
  try {
    return queueSettings({ redisUrl: env.redisUrl, ...env.queue });
  } catch (error) {
    throw new ConfigError(`queue settings: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Producer and workers must read and write one database: a PostgreSQL server, never the embedded, single-process one. */
export function requirePostgres(env: Environment, command: string): void {
  if (env.databaseUrl === undefined) {
    throw new UsageError(
      `${command} needs DATABASE_URL (postgres://…): the producer and every worker share one PostgreSQL database; the embedded database serves one process only`,
    );
  }
}
