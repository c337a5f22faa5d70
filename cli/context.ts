import type { Readable, Writable } from 'node:stream';
import type { ModelPlaces } from '../pipeline/load-models.js';
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

/** Where the command's models are looked for: its working directory and the environment's folders. */
export function modelPlaces(context: Pick<CliContext, 'env' | 'cwd'>): ModelPlaces {
  return { cwd: context.cwd, dataDir: context.env.dataDir, modelDir: context.env.modelDir };
}
