import { setFlagsFromString } from 'node:v8';

/** Commands that open the database, read what they show and exit within seconds. */
const SHORT_READ_COMMANDS: ReadonlySet<string> = new Set(['report']);

/** Whether `argv` (as `process.argv`) runs a command that reads a few seconds and exits. */
export function isShortReadCommand(argv: readonly string[]): boolean {
  return SHORT_READ_COMMANDS.has(argv[2] ?? '');
}

/**
 * Process-wide settings for the command `argv` names, made by the `verbatim` executable before
 * anything loads (never by `runCli`, which tests and servers call in their own long-lived process).
 *
 * A short read keeps WebAssembly on V8's baseline compiler (Liftoff): by default V8 compiles
 * PGlite's hot functions a second time, optimised, on background threads, which a command that
 * exits a second later never earns back — a cold `verbatim report` at 1M spent ≈ 0.7 CPU s less
 * and ended 0.2–0.4 s sooner (db/README.md, "A cold report's start").
 */
export function tuneProcessFor(argv: readonly string[]): void {
  if (isShortReadCommand(argv)) setFlagsFromString('--liftoff-only');
}
