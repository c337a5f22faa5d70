import { describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { ingestSurveyFile } from '../../imports/ingest.js';
import { collect, notRecords, records, surveyFolder } from './survey-files.js';

const folder = surveyFolder();

/** Values JSON can hold that are no survey value; `{"toString": …}` cannot even be turned into text. */
const HOSTILE_VALUES: [string, unknown][] = [
  ['an object with its own toString', { toString: 'x' }],
  ['an object with valueOf and toString', { valueOf: 1, toString: 2 }],
  ['a nested object', { a: { b: 1 } }],
  ['a list holding an object with its own toString', [{ toString: 'x' }]],
];

describe('a hostile JSON value fails its row, never the import', () => {
  it.each(HOSTILE_VALUES)('JSONL, comment is %s', async (_name, value) => {
    const lines = [{ id: 1, text: 'bien', nps: 9 }, { id: 2, text: value, nps: 5 }, { id: 3, text: 'nul', nps: 2 }].map((row) => JSON.stringify(row));
    const events = await collect(await folder.write('hostile.jsonl', lines.join('\n')));
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual([
      [1, 'bien'],
      [3, 'nul'],
    ]);
    expect(notRecords(events)).toEqual([{ kind: 'skipped', line: 2, field: 'text', reason: expect.stringMatching(/^expected text, a number or a date, got (an object|a list)$/) as unknown }]);
  });

  it.each(HOSTILE_VALUES)('JSON array, score is %s', async (_name, value) => {
    const file = await folder.write('hostile.json', JSON.stringify([{ id: 1, comment: 'un', score: 9 }, { id: 2, comment: 'deux', score: value }, { id: 3, comment: 'trois', score: 4 }]));
    const events = await collect(file);
    expect(records(events).map((event) => event.line)).toEqual([1, 3]);
    expect(notRecords(events)).toEqual([{ kind: 'skipped', line: 2, field: 'nps', reason: expect.stringContaining('expected text, a number or a date') as unknown }]);
  });

  it('leaves out a hostile segment value with a warning and keeps the answer', async () => {
    const file = await folder.write('segment.jsonl', `${JSON.stringify({ id: 1, text: 'ok', nps: 9, branch: { toString: 1 }, country: 'FR' })}\n`);
    const events = await collect(file);
    expect(records(events).map((event) => [event.verbatim.text, event.verbatim.segments])).toEqual([['ok', { country: 'FR' }]]);
    expect(notRecords(events)).toEqual([{ kind: 'warning', line: 1, field: 'branch', message: 'expected text, a number or a date, got an object; left out' }]);
  });

  it('writes the 4,599 valid rows around one hostile value and logs it as file:line: field', async () => {
    const rows = Array.from({ length: 4_600 }, (_, index) => JSON.stringify({ id: index + 1, text: index === 4_100 ? { toString: 'x' } : `réponse ${index + 1}`, nps: index % 11 }));
    const file = await folder.write('big.jsonl', rows.join('\n'));
    const stored: Verbatim[] = [];
    const log: string[] = [];
    const result = await ingestSurveyFile(file, {}, async (batch) => (stored.push(...batch), { inserted: batch.length, duplicates: 0 }), (line) => log.push(line));
    expect(result).toMatchObject({ read: 4_599, inserted: 4_599, skipped: 1 });
    expect(stored).toHaveLength(4_599);
    expect(log).toEqual([`${file}:4101: field \`text\`: skipped: expected text, a number or a date, got an object\n`]);
  });

  it('keeps the elements before a JSON syntax error and reports it at the element where reading stopped', async () => {
    const file = await folder.write('broken.json', '[{"id":1,"comment":"un","score":9},{"id":2,"comment":"deux","score":4},{"id":3,"comment":"tr');
    const events = await collect(file);
    expect(records(events).map((event) => event.verbatim.text)).toEqual(['un', 'deux']);
    expect(notRecords(events)).toEqual([{ kind: 'skipped', line: 3, reason: expect.stringContaining('invalid JSON') as unknown }]);
  });
});

describe('a malformed CSV record fails its row, never the rest of the file', () => {
  it.each([
    ['text after a closing quote', '2;3;"trop" cher\n3;8;fin\n', 'field 3: text after its closing quote (` cher`); quote the whole field', [[2, 'ok'], [4, 'fin']]],
    ['a quote opened and never closed', '2;3;"trop cher\n', 'field 3: a quote opened and never closed', [[2, 'ok']]],
  ])('%s', async (_name, rest, reason, kept) => {
    const events = await collect(await folder.write('quotes.csv', `id;score;comment\n1;9;ok\n${rest}`));
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual(kept);
    expect(notRecords(events)).toEqual([{ kind: 'skipped', line: 3, reason }]);
  });

  it('keeps quotes inside an unquoted field as written, without swallowing the next lines', async () => {
    const file = await folder.write('inches.csv', 'id;score;comment\n1;9;écran 27" parfait\n2;3;le "service" client\n3;8;fin\n');
    expect(records(await collect(file)).map((event) => [event.line, event.verbatim.text])).toEqual([
      [2, 'écran 27" parfait'],
      [3, 'le "service" client'],
      [4, 'fin'],
    ]);
  });

  it('refuses a header with a malformed quote instead of taking the first answer as the header', async () => {
    const file = await folder.write('bad-header.csv', 'id;"score"x;comment\n1;9;ok\n');
    await expect(collect(file)).rejects.toThrow('the header line: field 2: text after its closing quote');
  });
});

describe('the column set is the union over the file', () => {
  it('finds a comment column that first appears after line 50 of a JSONL file', async () => {
    const lines = Array.from({ length: 60 }, (_, index) => JSON.stringify({ id: index + 1, nps: 9 }));
    lines.push(JSON.stringify({ id: 61, nps: 3, comment: 'Trop cher', agence: 'Lyon' }));
    const events = await collect(await folder.write('late.jsonl', lines.join('\n')));
    const last = records(events).at(-1);
    expect(records(events)).toHaveLength(61);
    expect(last?.verbatim).toMatchObject({ text: 'Trop cher', nps: 3, segments: { agence: 'Lyon' } });
  });

  it('finds a comment key missing from the first object of a JSON array', async () => {
    const file = await folder.write('late.json', JSON.stringify([{ id: 1, score: 9 }, { id: 2, score: 2, commentaire: 'Nul', pays: 'FR' }]));
    expect(records(await collect(file)).map((event) => [event.verbatim.text, event.verbatim.segments])).toEqual([
      ['', {}],
      ['Nul', { pays: 'FR' }],
    ]);
  });

  it('finds the columns of nested first objects in a JSON array', async () => {
    const file = await folder.write('nested.json', JSON.stringify([{ id: 1, meta: { a: 1 }, comment: 'un', score: 9 }]));
    const events = await collect(file);
    expect(records(events).map((event) => event.verbatim.text)).toEqual(['un']);
    expect(notRecords(events)).toEqual([{ kind: 'warning', line: 1, field: 'meta', message: 'expected text, a number or a date, got an object; left out' }]);
  });
});
