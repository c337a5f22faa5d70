import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const INPUT = [
  JSON.stringify({ id: 'en', text: 'We had a most unpleasant experience, the advisor never called back.' }),
  JSON.stringify({ id: 'fr', text: 'Le conseiller était super mais les frais sont exorbitants.' }),
].join('\n');

/** Each record's overall sentiment score from `verbatim enrich --in - --out - ARGS`. */
async function scores(args: readonly string[]): Promise<number[]> {
  const run = await runCli(['enrich', '--in', '-', '--out', '-', ...args], { stdin: INPUT });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { sentiment_score: number }).sentiment_score);
}

describe('verbatim enrich --sentiment', () => {
  it('runs the chosen model: combined is the default, rules and learned score differently', async () => {
    const byDefault = await scores([]);
    expect(await scores(['--sentiment', 'combined'])).toEqual(byDefault);
    expect(await scores(['--sentiment', 'rules'])).not.toEqual(byDefault);
    expect(await scores(['--sentiment', 'learned'])).not.toEqual(byDefault);
  });

  it('refuses an unknown model, naming the choices', async () => {
    const run = await runCli(['enrich', '--in', '-', '--out', '-', '--sentiment', 'vader'], { stdin: INPUT });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('expected one of rules, learned, combined, got `vader`');
  });
});
