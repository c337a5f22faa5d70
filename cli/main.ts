#!/usr/bin/env node
// `natural` loads dotenv, which prints to stdout on import; pipe mode needs a clean stdout,
// so quiet it before any dependency is loaded (static imports would be hoisted above this).
process.env['DOTENV_CONFIG_QUIET'] ??= 'true';

const { tuneProcessFor } = await import('./process-tuning.js');
tuneProcessFor(process.argv);
const { runCli } = await import('./program.js');
process.exitCode = await runCli(process.argv);
