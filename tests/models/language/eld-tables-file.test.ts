import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.js';
import { buildEldTables, readEldTables, type EldDatabase, type EldTables } from '../../../models/language/eld-tables.js';
import { eldTablesFileBytes, installedEldVersion, readEldTablesFile } from '../../../models/language/eld-tables-file.js';
import { ELD_TABLES_PATH, loadSharedEldTables } from '../../../models/language/shared-eld-tables.js';

const arraysOf = (tables: EldTables) => [tables.slots, tables.keyStarts, tables.keyUnits, tables.pairStarts, tables.pairs].map((array) => [...array]);
const database: EldDatabase = { languages: { 0: 'en', 1: 'fr' }, ngrams: { ' les ': { 1: 40, 0: 2 }, ' le': { 1: 7 }, 'Ã©t€': { 0: 12 } } };
const tempFile = async (bytes: Buffer): Promise<string> => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-eld-')), 'eld-tables.bin');
  await writeFile(file, bytes);
  return file;
};

describe('eld tables built ahead of time', () => {
  it('the shipped file holds the tables eld gives, and the threads are handed them (rebuild: node dist/models/language/eld-tables-main.js)', async () => {
    const fromEld = await readEldTables({ shared: false });
    const shipped = readEldTablesFile(ELD_TABLES_PATH, installedEldVersion(), { shared: true });
    if (shipped === undefined) throw new Error(`${ELD_TABLES_PATH} is missing or built from another eld`);
    expect(shipped.languages).toEqual(fromEld.languages);
    expect(arraysOf(shipped)).toEqual(arraysOf(fromEld));
    expect(shipped.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(arraysOf(await loadSharedEldTables())).toEqual(arraysOf(fromEld));
  });

  it.each([false, true])('round-trips tables, the same tables giving the same bytes (shared: %s)', async (shared) => {
    const tables = buildEldTables(database, { shared: false });
    const bytes = eldTablesFileBytes(tables, '9.9.9');
    expect(eldTablesFileBytes(buildEldTables(database, { shared: true }), '9.9.9').equals(bytes)).toBe(true);
    const read = readEldTablesFile(await tempFile(bytes), '9.9.9', { shared });
    expect(read?.languages).toEqual(['en', 'fr']);
    expect(read && arraysOf(read)).toEqual(arraysOf(tables));
  });

  it('is not read when built from another eld, nor when missing', async () => {
    const file = await tempFile(eldTablesFileBytes(buildEldTables(database, { shared: false }), '9.9.9'));
    expect(readEldTablesFile(file, '9.9.8', { shared: false })).toBeUndefined();
    expect(readEldTablesFile(path.join(path.dirname(file), 'missing.bin'), '9.9.9', { shared: false })).toBeUndefined();
  });

  it.each([
    ['another kind of file', (bytes: Buffer) => Buffer.concat([Buffer.from('XXXX'), bytes.subarray(4)]), /eld-tables\.bin: expected a file starting with VBEL/],
    ['a cut file', (bytes: Buffer) => bytes.subarray(0, bytes.length - 8), /eld-tables\.bin: pairs: the file ends 8 bytes early/],
    ['a bad header', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace('"lengths"', '"lengthz"'), 'latin1'), /eld-tables\.bin: header: lengths: expected an object/],
    ['a slot past the n-grams', (bytes: Buffer) => withSlot(bytes, 99), /eld-tables\.bin: slots: n-gram 98 of 3/],
  ])('%s is a ConfigError naming the file and the part', async (_case, damage, message) => {
    const file = await tempFile(damage(eldTablesFileBytes(buildEldTables(database, { shared: false }), '9.9.9')));
    expect(() => readEldTablesFile(file, '9.9.9', { shared: false })).toThrow(ConfigError);
    expect(() => readEldTablesFile(file, '9.9.9', { shared: false })).toThrow(message);
  });

  it('the shipped file is small enough to ship', async () => {
    expect((await readFile(ELD_TABLES_PATH)).length).toBeLessThan(6_000_000);
  });
});

/** The file with its first slot set to `value` (slots come first after the 8-byte-aligned header). */
function withSlot(bytes: Buffer, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeInt32LE(value, 8 + Math.ceil(copy.readUInt32LE(4) / 8) * 8);
  return copy;
}
