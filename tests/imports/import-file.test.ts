import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSurveyFile, type ImportEvent } from '../../imports/import-file.js';
import { authorKey } from '../../core/author-key.js';
import { TEST_SECRET } from '../support/author-secret.js';
import { InputError } from '../../core/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function collect(file: string, options: Parameters<typeof readSurveyFile>[1] = {}): Promise<ImportEvent[]> {
  const events: ImportEvent[] = [];
  for await (const event of readSurveyFile(file, options)) events.push(event);
  return events;
}

function records(events: readonly ImportEvent[]) {
  return events.flatMap((event) => (event.kind === 'record' ? [event] : []));
}

describe('readSurveyFile', () => {
  it.each([
    ['semicolon', 'id;date;score;commentaire;agence\n1;03/02/2026;9;Très bien;Lyon\n2;04/02/2026;3;Trop cher;Paris\n'],
    ['comma', 'id,date,score,comment,branch\n1,2026-02-03,9,Très bien,Lyon\n2,2026-02-04,3,Trop cher,Paris\n'],
    ['tab', 'id\tdate\tscore\tcomment\tbranch\n1\t2026-02-03\t9\tTrès bien\tLyon\n2\t2026-02-04\t3\tTrop cher\tParis\n'],
    ['BOM', '\uFEFFid;date;note;verbatim;branch\n1;03/02/2026;9;Très bien;Lyon\n2;04/02/2026;3;Trop cher;Paris\n'],
  ])('reads CSV (%s) with auto-detected columns and segments', async (name, content) => {
    const found = records(await collect(await fileWith(`${name}.csv`, content), { source: 's' }));
    expect(found.map((event) => [event.line, event.verbatim.externalId, event.verbatim.nps, event.verbatim.text])).toEqual([
      [2, '1', 9, 'Très bien'],
      [3, '2', 3, 'Trop cher'],
    ]);
    expect(found[0]?.verbatim.createdAt).toBe('2026-02-03T00:00:00.000Z');
    expect(Object.values(found[0]?.verbatim.segments ?? {})).toEqual(['Lyon']);
  });

  it('decodes Windows-1252 text', async () => {
    const file = await fileWith('latin.csv', iconv.encode('id;score;commentaire\n1;2;Décevant, frais élevés à 15 € ça\n', 'win1252'));
    expect(records(await collect(file))[0]?.verbatim.text).toBe('Décevant, frais élevés à 15 € ça');
  });

  it('keeps quoted multi-line comments and numbers the lines after them right', async () => {
    const file = await fileWith('multi.csv', 'id;score;comment\n1;8;"first line\nsecond line"\n2;abc;\n3;7;ok\n');
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual([
      [2, 'first line\nsecond line'],
      [5, 'ok'],
    ]);
    expect(events).toContainEqual({ kind: 'skipped', line: 4, field: 'nps', reason: 'expected a whole number from 0 to 10, got `abc`' });
  });

  it('keeps a score-only row, warns on a bad score next to a comment, skips an empty row', async () => {
    const file = await fileWith('mixed.csv', 'id;score;comment;date\n1;9;;\n2;12;Bien;\n3;;;\n4;5;Moyen;31/02/2026\n');
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.nps, event.verbatim.text])).toEqual([
      [2, 9, ''],
      [3, null, 'Bien'],
      [5, 5, 'Moyen'],
    ]);
    expect(events).toContainEqual({ kind: 'warning', line: 3, field: 'nps', message: 'expected a whole number from 0 to 10, got `12`; kept without a score' });
    expect(events).toContainEqual({ kind: 'skipped', line: 4, field: 'text', reason: 'no comment and no score' });
    expect(events).toContainEqual({ kind: 'warning', line: 5, field: 'created_at', message: 'not a real date: `31/02/2026`; kept without a date' });
  });

  it('maps columns with --map and hashes the author', async () => {
    const file = await fileWith('custom.csv', 'ref,avis libre,reco,qui,etape_client\nA1,Super appli,10,Jean Dupont,app\n');
    const [event] = records(await collect(file, { map: { external_id: 'ref', text: 'avis libre', nps: 'reco', author: 'qui', journey: 'etape_client' }, secret: TEST_SECRET }));
    expect(event?.verbatim).toMatchObject({ externalId: 'A1', text: 'Super appli', nps: 10, journeyHint: 'app' });
    // Keyed (HMAC under the installation's secret), no longer a bare SHA-256 anyone can recompute from a list of names.
    expect(event?.verbatim.authorKey).toBe(authorKey('Jean Dupont', TEST_SECRET));
    expect(JSON.stringify(event)).not.toContain('Dupont');
  });

  it('names the column a --map points at when it does not exist', async () => {
    const file = await fileWith('nomap.csv', 'id;score;comment\n1;9;ok\n');
    await expect(collect(file, { map: { text: 'verbatim' } })).rejects.toThrow('--map text=verbatim: no column `verbatim` (columns: id, score, comment)');
  });

  it('reads JSONL, reporting a bad line and keeping the rest', async () => {
    const file = await fileWith('a.jsonl', '{"id":"a","text":"good","nps":9}\n{oops\n\n{"id":"c","text":"bad","nps":2,"country":"FR"}\n');
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.externalId, event.verbatim.segments])).toEqual([
      [1, 'a', {}],
      [4, 'c', { country: 'FR' }],
    ]);
    expect(events.find((event) => event.kind === 'skipped')).toMatchObject({ line: 2, reason: expect.stringContaining('invalid JSON') as unknown });
  });

  it('streams a JSON array', async () => {
    const file = await fileWith('a.json', JSON.stringify([{ id: 1, comment: 'un', score: 9 }, { id: 2, comment: 'deux', score: 4 }]));
    expect(records(await collect(file)).map((event) => [event.line, event.verbatim.text, event.verbatim.nps])).toEqual([
      [1, 'un', 9],
      [2, 'deux', 4],
    ]);
  });

  it('reads the first sheet of an XLSX workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('answers');
    sheet.addRow(['id', 'date', 'score', 'commentaire']);
    sheet.addRow(['x1', new Date(Date.UTC(2026, 4, 2)), 10, 'Parfait']);
    sheet.addRow(['x2', new Date(Date.UTC(2026, 4, 3)), 1, 'Nul']);
    const file = path.join(dir, 'a.xlsx');
    await workbook.xlsx.writeFile(file);
    const found = records(await collect(file));
    expect(found.map((event) => [event.line, event.verbatim.externalId, event.verbatim.nps, event.verbatim.text])).toEqual([
      [2, 'x1', 10, 'Parfait'],
      [3, 'x2', 1, 'Nul'],
    ]);
    expect(found[0]?.verbatim.createdAt).toBe('2026-05-02T00:00:00.000Z');
  });

  it.each([
    ['empty.csv', '', 'the file is empty'],
    ['binary.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00]), 'binary file'],
    ['nosurvey.csv', 'foo;bar\n1;2\n', 'no column holds a comment or a score'],
  ])('rejects %s with one clear InputError', async (name, content, message) => {
    const file = await fileWith(name, content);
    const error = await collect(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toContain(file);
    expect((error as InputError).message).toContain(message);
  });

  it('gives the same ids when the same file is read twice', async () => {
    const file = await fileWith('twice.csv', 'score;comment\n9;bien\n3;nul\n');
    const ids = async (): Promise<string[]> => records(await collect(file)).map((event) => event.verbatim.id);
    const first = await ids();
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    expect(await ids()).toEqual(first);
  });
});
