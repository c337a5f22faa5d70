import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../cli/environment.js';
import { runCli } from '../../cli/program.js';
import { openDatabase } from '../../db/open-database.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { terminalSafe } from '../../reports/terminal-safe.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

const DAY = 86_400_000;
const T0 = new Date('2026-06-01T12:00:00.000Z');

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

let dir: string;
let dataDir: string;

/** The command from the sources, in this process, with its clock at `now`. */
async function verbatim(args: readonly string[], now = T0): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const env = readEnvironment({ VERBATIM_DATA_DIR: dataDir }, dir);
  const code = await runCli(['node', 'verbatim', ...args], { env, cwd: dir, stdin: Readable.from([]), stdout, stderr, now: () => now });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const HOSTILE = 'Nul\u001b[2J\u001b[31m rouge\u001b]0;titre piégé\u0007 \u001b]8;;http://evil.example\u001b\\lien\u001b]8;;\u001b\\ fin\u009b1;1H\u0007\u0008\u202e';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-hardening-'));
  dataDir = path.join(dir, 'data');
  await seedMigratedPglite(dataDir);
  const opened = await openDatabase({ dataDir });
  try {
    await insertVerbatims(opened.db, [surveyAnswer(1, { nps: 2, text: HOSTILE, createdAt: new Date(Date.now() - 72 * 3_600_000).toISOString() })]);
  } finally {
    await opened.close();
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('terminal output of customer text (issue 14, lower items)', () => {
  it.each([
    ['clear screen \u001b[2J\u001b[H done', 'clear screen done'],
    ['\u001b[31mred\u001b[0m', 'red'],
    ['title \u001b]0;pwned\u0007 set', 'title set'],
    ['link \u001b]8;;http://x\u001b\\text\u001b]8;;\u001b\\', 'link text'],
    ['8-bit \u009b2J csi', '8-bit csi'],
    ['bell\u0007 and backspace\u0008', 'bell\ufffd and backspace\ufffd'],
    ['bidi \u202eevil', 'bidi \ufffdevil'],
    ['lines\r\nand\ttabs', 'lines and tabs'],
    ['plain é ü 😀', 'plain é ü 😀'],
  ])('%j → %j', (input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('keeps a megabyte of unterminated escape sequences linear (finishes within the test timeout)', () => {
    expect(terminalSafe('\u001b]'.repeat(500_000)).length).toBeLessThan(10);
    expect(terminalSafe('\u001b['.repeat(500_000) + 'x')).not.toContain('\u001b');
  });

  it('followups list prints no escape or control character from the comment', async () => {
    const run = await verbatim(['followups', 'list'], new Date());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rouge');
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('token expiry (issue 14, lower items)', () => {
  it('gives a new token 90 days by default, --expires-in DAYS otherwise, and lists it as expired after', async () => {
    const standard = await verbatim(['token', 'create', '--role', 'viewer']);
    expect(standard.code).toBe(0);
    expect(standard.stderr).toContain(`expires ${new Date(T0.getTime() + 90 * DAY).toISOString()}`);
    const short = await verbatim(['token', 'create', '--role', 'admin', '--expires-in', '5', '--label', 'short']);
    expect(short.stderr).toContain(`expires ${new Date(T0.getTime() + 5 * DAY).toISOString()}`);
    const later = await verbatim(['token', 'list'], new Date(T0.getTime() + 6 * DAY));
    expect(later.stdout).toMatch(/#2 admin .*short.* expired /);
    expect(later.stdout).toMatch(/#1 viewer .* live until /);
  });

  it.each([
    [['--expires-in', '0'], 'expected a whole number of days from 1 to 3650'],
    [['--expires-in', 'soon'], 'expected a whole number of days from 1 to 3650'],
    [['--scope', '__proto__=Lyon'], '`__proto__` cannot be a scope key'],
    [['--scope', 'constructor=Lyon'], '`constructor` cannot be a scope key'],
  ])('refuses token create %j', async (extra, message) => {
    const run = await verbatim(['token', 'create', '--role', 'viewer', ...extra]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});
