import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { collect, notRecords, records, surveyFolder } from './survey-files.js';

const folder = surveyFolder();
const CSV = 'id;score;commentaire\n1;9;Très bien, café offert\n2;3;Frais élevés: 15 € ça\n';
const TEXTS = ['Très bien, café offert', 'Frais élevés: 15 € ça'];

describe('encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(CSV, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')])],
    ['Windows-1252', iconv.encode(CSV, 'win1252')],
    ['UTF-16 LE with BOM', iconv.encode(CSV, 'utf16le', { addBOM: true })],
    ['UTF-16 BE with BOM', iconv.encode(CSV, 'utf16be', { addBOM: true })],
    ['UTF-16 LE with BOM, tab-separated (Excel "Unicode text")', iconv.encode(CSV.replaceAll(';', '\t'), 'utf16le', { addBOM: true })],
  ])('reads a CSV in %s', async (name, bytes) => {
    const events = await collect(await folder.write(`${name.replace(/\W+/g, '-')}.csv`, bytes));
    expect(records(events).map((event) => event.verbatim.text)).toEqual(TEXTS);
    expect(notRecords(events)).toEqual([]);
  });

  it('reads a UTF-8 file whose 64 KB sample ends inside a character as UTF-8, not Windows-1252', async () => {
    const comment = 'é'.repeat(40_000);
    const file = await folder.write('cut.csv', `id;score;commentaire\n1;9;${comment}\n`);
    expect(records(await collect(file)).map((event) => event.verbatim.text)).toEqual([comment]);
  });

  it('reads JSONL in Windows-1252', async () => {
    const file = await folder.write('latin.jsonl', iconv.encode('{"id":1,"text":"Décevant, frais élevés","nps":2}\n', 'win1252'));
    expect(records(await collect(file)).map((event) => event.verbatim.text)).toEqual(['Décevant, frais élevés']);
  });

  it('fails a row with bytes that are not UTF-8 after a UTF-8 start, instead of storing mojibake', async () => {
    const head = `id;score;commentaire\n${Array.from({ length: 3_000 }, (_, index) => `${index + 1};9;Très bien, rien à dire ${index + 1}`).join('\n')}\n`;
    const bytes = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from('3001;2;D'), Buffer.from([0xe9]), Buffer.from('cevant\n3002;8;ok\n')]);
    expect(Buffer.from(head).length).toBeGreaterThan(64 * 1024);
    const events = await collect(await folder.write('mixed.csv', bytes));
    expect(records(events)).toHaveLength(3_001);
    expect(records(events).some((event) => event.verbatim.text.includes('\uFFFD'))).toBe(false);
    expect(notRecords(events)).toEqual([
      { kind: 'skipped', line: 3_002, reason: 'bytes that are not valid UTF-8 (read as \uFFFD): save the export as UTF-8' },
    ]);
  });

  it('fails a row with a byte Windows-1252 does not define', async () => {
    const bytes = Buffer.concat([iconv.encode('id;score;commentaire\n1;9;Très bien\n2;3;', 'win1252'), Buffer.from([0x81]), Buffer.from('nul\n')]);
    const events = await collect(await folder.write('undefined.csv', bytes));
    expect(records(events).map((event) => event.verbatim.text)).toEqual(['Très bien']);
    expect(notRecords(events)).toEqual([{ kind: 'skipped', line: 3, reason: expect.stringContaining('not valid Windows-1252') as unknown }]);
  });

  it('fails a JSONL line with bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"id":1,"text":"très bien","nps":9}\n{"id":2,"text":"d'), Buffer.from([0xff]), Buffer.from('","nps":1}\n')]);
    const events = await collect(await folder.write('bad.jsonl', bytes));
    expect(records(events).map((event) => event.verbatim.text)).toEqual(['très bien']);
    expect(notRecords(events)).toMatchObject([{ kind: 'skipped', line: 2, reason: expect.stringContaining('not valid UTF-8') as unknown }]);
  });
});
