import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../core/errors.js';
import { arrayAt, literalAt, numberAt, objectAt, stringAt } from '../file-shape.js';
import { installedPackageVersion } from '../package-version.js';
import type { EldTables } from './eld-tables.js';

/**
 * eld's flattened n-gram tables (`buildEldTables`) stored as they sit in memory: reading this
 * 4.3 MB file takes milliseconds where importing eld's database module and flattening it takes
 * ≈ 1.8 s of CPU and 58 MB of short-lived objects. Used only while eld is the version it was
 * built from; else the caller builds the tables from eld itself.
 *
 * Layout: `VBEL`, the header's byte length (u32 LE), the header (JSON), then each table in
 * `TABLE_ORDER`, 8-byte aligned.
 */
export const ELD_TABLES_FORMAT = 'verbatim-eld-tables/1';

const MAGIC = 'VBEL';
const TABLE_ORDER = ['slots', 'keyStarts', 'keyUnits', 'pairStarts', 'pairs'] as const;
type TableName = (typeof TABLE_ORDER)[number];

/** The version of the eld package installed. */
export function installedEldVersion(): string {
  return installedPackageVersion('eld', fileURLToPath(import.meta.resolve('eld/medium')));
}

/** The file's bytes for `tables`, built from eld `eldVersion`: the same tables give the same bytes. */
export function eldTablesFileBytes(tables: EldTables, eldVersion: string): Buffer {
  const lengths = Object.fromEntries(TABLE_ORDER.map((name) => [name, tables[name].length]));
  const header = Buffer.from(JSON.stringify({ format: ELD_TABLES_FORMAT, eld: eldVersion, languages: tables.languages, lengths }));
  const lead = Buffer.alloc(8);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(header.length, 4);
  const parts = [header, ...TABLE_ORDER.map((name) => Buffer.from(tables[name].buffer, tables[name].byteOffset, tables[name].byteLength))];
  return Buffer.concat([lead, ...parts.map((part) => Buffer.concat([part, Buffer.alloc(align(part.length) - part.length)]))]);
}

/**
 * The tables of `file`, on SharedArrayBuffers when `shared` (for worker threads to read in place);
 * undefined when the file is missing or built from another eld version than `eldVersion`.
 * A damaged file is a ConfigError naming it and the part.
 *
 * @example const tables = readEldTablesFile('samples/models/eld-tables.bin', installedEldVersion(), { shared: true })
 */
export function readEldTablesFile(file: string, eldVersion: string, options: { readonly shared: boolean }): EldTables | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const damaged = (detail: string): ConfigError => new ConfigError(`${file}: ${detail} (rebuild it: node dist/models/language/eld-tables-main.js)`);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw damaged(`expected a file starting with ${MAGIC}`);
  const headerLength = bytes.readUInt32LE(4);
  let header: { eld: string; languages: string[]; lengths: Record<TableName, number> };
  try {
    header = headerAt(JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)));
  } catch (error) {
    throw damaged(`header: ${(error as Error).message}`);
  }
  if (header.eld !== eldVersion) return undefined;
  let at = 8 + align(headerLength);
  const copy = (name: TableName, bytesPer: number): ArrayBufferLike => {
    const length = header.lengths[name] * bytesPer;
    if (at + length > bytes.length) throw damaged(`${name}: the file ends ${at + length - bytes.length} bytes early`);
    // A copy into a buffer of its own: aligned, and shareable between threads when asked.
    const buffer = options.shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length);
    new Uint8Array(buffer).set(bytes.subarray(at, at + length));
    at += align(length);
    return buffer;
  };
  const tables: EldTables = {
    languages: header.languages,
    slots: new Int32Array(copy('slots', 4)),
    keyStarts: new Int32Array(copy('keyStarts', 4)),
    keyUnits: new Uint16Array(copy('keyUnits', 2)),
    pairStarts: new Int32Array(copy('pairStarts', 4)),
    pairs: new Int32Array(copy('pairs', 4)),
  };
  const problem = tablesProblem(tables);
  if (problem !== undefined) throw damaged(problem);
  return tables;
}

function headerAt(raw: unknown): { eld: string; languages: string[]; lengths: Record<TableName, number> } {
  const data = objectAt(raw, '');
  literalAt(data['format'], 'format', ELD_TABLES_FORMAT, `a file of format ${ELD_TABLES_FORMAT}`);
  const lengths = objectAt(data['lengths'], 'lengths');
  const count = { integer: true, min: 0 };
  return {
    eld: stringAt(data['eld'], 'eld'),
    languages: arrayAt(data['languages'], 'languages', stringAt),
    lengths: Object.fromEntries(TABLE_ORDER.map((name) => [name, numberAt(lengths[name], `lengths.${name}`, count)])) as Record<TableName, number>,
  };
}

/** What would make `ngramIndex` or the scorer read out of bounds, or undefined when nothing does. */
function tablesProblem(tables: EldTables): string | undefined {
  const { slots, keyStarts, keyUnits, pairStarts, pairs } = tables;
  const ngrams = keyStarts.length - 1;
  if (slots.length === 0 || (slots.length & (slots.length - 1)) !== 0) return `slots: expected a power of two, got ${slots.length}`;
  if (pairStarts.length !== keyStarts.length) return `pairStarts: expected ${keyStarts.length} values, got ${pairStarts.length}`;
  if (keyStarts[0] !== 0 || keyStarts[ngrams] !== keyUnits.length) return `keyStarts: expected 0 up to ${keyUnits.length}`;
  if (pairStarts[0] !== 0 || (pairStarts[ngrams] as number) * 2 !== pairs.length) return `pairStarts: expected 0 up to ${pairs.length / 2}`;
  for (let i = 0; i < ngrams; i++) {
    if ((keyStarts[i + 1] as number) < (keyStarts[i] as number) || (pairStarts[i + 1] as number) < (pairStarts[i] as number)) return `n-gram ${i}: ends before it starts`;
  }
  for (const slot of slots) if (slot < 0 || slot > ngrams) return `slots: n-gram ${slot - 1} of ${ngrams}`;
  for (let i = 0; i < pairs.length; i += 2) if ((pairs[i] as number) < 0 || (pairs[i] as number) >= tables.languages.length) return `pairs: language ${pairs[i]} of ${tables.languages.length}`;
  return undefined;
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
