/** A server the suite uses: where to reach it, and how to let go of it (a no-op for one we did not start). */
export interface TestService {
  readonly url: string;
  stop(): Promise<void>;
}

/** The URL of a service given in the environment (`TEST_DATABASE_URL`, `TEST_REDIS_URL`), empty counting as unset. */
export function givenUrl(variable: string): string | undefined {
  const value = process.env[variable];
  return value === undefined || value === '' ? undefined : value;
}

/** An error's message, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
