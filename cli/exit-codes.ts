import { ConfigError, InputError, UsageError } from '../core/errors.js';

/** Exit codes of CONTRACT.md: 0 success, 1 usage or input error, 2 internal failure. */
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_INTERNAL = 2;

/**
 * One clear line on stderr for what the user can fix; the stack only for our own
 * bugs, and only with `VERBATIM_DEBUG=1`.
 */
export function reportFailure(error: unknown, stderr: NodeJS.WritableStream, debug: boolean): number {
  if (error instanceof InputError) {
    stderr.write(`verbatim: ${error.describe()}\n`);
    return EXIT_INPUT;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    stderr.write(`verbatim: ${error.message}\n`);
    return EXIT_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`verbatim: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  else stderr.write('verbatim: run again with VERBATIM_DEBUG=1 for the stack trace\n');
  return EXIT_INTERNAL;
}
