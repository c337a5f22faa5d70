import type { Readable, Writable } from 'node:stream';
import type { Environment } from './environment.js';

/** What every command touches of the world, injected so tests can run commands in-process. */
export interface CliContext {
  readonly env: Environment;
  readonly cwd: string;
  readonly stdin: Readable;
  readonly stdout: Writable;
  /** Logs and progress only: stdout may be carrying data. */
  readonly stderr: Writable & { isTTY?: boolean };
  readonly now: () => Date;
}
