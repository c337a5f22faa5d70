import { open } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** One entry of a zip's central directory: what it declares, and where its bytes are. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's local header in the file. */
  readonly offset: number;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  /** Where the central directory starts: the end of the last entry's bytes. */
  readonly directoryOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Bytes one directory entry may take (fixed part plus a generous name, extra field and comment). */
const MAX_ENTRY_BYTES = 46 + 3 * 1024;

/**
 * Reads a zip's central directory — only the end of the file — so the sizes a
 * workbook declares can be checked before a byte is inflated.
 * ZIP64 archives (over 4 GB or 65,535 entries) are refused: no survey export is one.
 *
 * @example const { entries } = await readZipDirectory('answers.xlsx', { maxEntries: 10_000 })
 */
export async function readZipDirectory(file: string, limits: { readonly maxEntries: number }): Promise<ZipDirectory> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, END_RECORD_SIZE + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let index = tailLength - END_RECORD_SIZE; index >= 0; index--) {
      if (tail.readUInt32LE(index) === END_OF_DIRECTORY) {
        end = index;
        break;
      }
    }
    if (end === -1) throw new InputError('not a readable XLSX workbook: the zip has no central directory (a truncated file?)', { file });
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      throw new InputError('a ZIP64 workbook (over 4 GB or 65,535 parts): not a survey export', { file });
    }
    if (count > limits.maxEntries) {
      throw new InputError(`the workbook has ${count} parts, more than the ${limits.maxEntries} a survey export may have`, { file });
    }
    if (directorySize > count * MAX_ENTRY_BYTES || directoryOffset + directorySize > size) {
      throw new InputError('not a readable XLSX workbook: its zip directory is damaged', { file });
    }
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    let position = 0;
    for (let index = 0; index < count; index++) {
      if (position + 46 > directorySize || directory.readUInt32LE(position) !== DIRECTORY_ENTRY) {
        throw new InputError('not a readable XLSX workbook: its zip directory is damaged', { file });
      }
      const compressedSize = directory.readUInt32LE(position + 20);
      const uncompressedSize = directory.readUInt32LE(position + 24);
      const nameLength = directory.readUInt16LE(position + 28);
      const extraLength = directory.readUInt16LE(position + 30);
      const commentLength = directory.readUInt16LE(position + 32);
      const offset = directory.readUInt32LE(position + 42);
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || offset === 0xffffffff) {
        throw new InputError('a ZIP64 workbook (a part over 4 GB): not a survey export', { file });
      }
      const name = directory.toString('utf8', position + 46, position + 46 + nameLength);
      entries.push({ name, compressedSize, uncompressedSize, offset });
      position += 46 + nameLength + extraLength + commentLength;
    }
    return { entries, directoryOffset };
  } finally {
    await handle.close();
  }
}

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Inflates every entry once, counting, and stops at the first that unpacks to more than
 * its directory entry declares: a bomb that lies about its sizes is refused while the
 * count is still small, before the workbook reader holds any of it.
 */
export async function checkInflatedSizes(file: string, directory: ZipDirectory): Promise<void> {
  const { createReadStream } = await import('node:fs');
  const { createInflateRaw } = await import('node:zlib');
  const handle = await open(file, 'r');
  try {
    for (const entry of directory.entries) {
      const header = Buffer.alloc(30);
      await handle.read(header, 0, 30, entry.offset);
      if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new InputError(`not a readable XLSX workbook: part ${entry.name} is damaged`, { file });
      const method = header.readUInt16LE(8);
      if (method === STORED || entry.compressedSize === 0) continue;
      if (method !== DEFLATED) throw new InputError(`part ${entry.name} uses zip compression method ${method}: not an XLSX workbook`, { file });
      const start = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const inflate = createInflateRaw();
      createReadStream(file, { start, end: start + entry.compressedSize - 1 })
        .on('error', (error) => inflate.destroy(error))
        .pipe(inflate);
      let inflated = 0;
      try {
        for await (const chunk of inflate as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          if (inflated > entry.uncompressedSize) {
            inflate.destroy();
            throw new InputError(`part ${entry.name} unpacks to more than the ${entry.uncompressedSize} bytes it declares: a zip bomb, not a survey export`, { file });
          }
        }
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`not a readable XLSX workbook: part ${entry.name}: ${(error as Error).message}`, { file });
      }
    }
  } finally {
    await handle.close();
  }
}
