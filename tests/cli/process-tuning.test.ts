import { expect, it } from 'vitest';
import { isShortReadCommand } from '../../cli/process-tuning.js';

it('tunes the process of `verbatim report` only: long-lived and writing commands keep the defaults', () => {
  expect(isShortReadCommand(['node', 'verbatim', 'report'])).toBe(true);
  expect(isShortReadCommand(['node', 'verbatim', 'report', '--theme', 'fees'])).toBe(true);
  for (const command of ['serve', 'import', 'enrich', 'worker', 'export', '--help']) expect(isShortReadCommand(['node', 'verbatim', command])).toBe(false);
  expect(isShortReadCommand(['node', 'verbatim'])).toBe(false);
});
