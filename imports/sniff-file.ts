import { open } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { InputError } from '../core/errors.js';

export const FILE_FORMATS = ['csv', 'xlsx', 'json', 'jsonl'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export interface SniffedFile {
  readonly format: FileFormat;
  /** Encoding of a text file, as iconv-lite names it. */
  readonly encoding: string;
  /** Bytes to skip at the start (a BOM). */
  readonly bomLength: number;
  /** The decoded head of the file, for delimiter detection. */
  readonly head: string;
}

const SAMPLE_BYTES = 64 * 1024;

/**
 * Looks at the first 64 KB: zip magic → XLSX; binary or empty → an InputError with
 * one clear line; otherwise the encoding (UTF-8 or UTF-16 BOM, valid UTF-8, else Windows-1252) and
 * JSON / JSONL / CSV by the first character and the extension.
 */
export async function sniffFile(file: string): Promise<SniffedFile> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`, { file });
  }
  const buffer = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0).finally(() => handle.close());
  const sample = buffer.subarray(0, bytesRead);
  if (bytesRead === 0) throw new InputError('the file is empty: expected a survey export (CSV, XLSX, JSON or JSONL)', { file });
  if (sample[0] === 0x50 && sample[1] === 0x4b) {
    if (path.extname(file).toLowerCase() !== '.xlsx') throw new InputError('a zip archive that is not an .xlsx workbook', { file });
    return { format: 'xlsx', encoding: 'binary', bomLength: 0, head: '' };
  }
  const utf16 = sample[0] === 0xff && sample[1] === 0xfe ? 'utf16le' : sample[0] === 0xfe && sample[1] === 0xff ? 'utf16be' : undefined;
  let encoding: string;
  let bomLength: number;
  if (utf16 !== undefined) {
    // Excel's "Unicode text" export: UTF-16 with a BOM, NUL bytes in every ASCII character.
    encoding = utf16;
    bomLength = 2;
  } else {
    if (looksBinary(sample)) throw new InputError('this is a binary file, not a survey export (CSV, XLSX, JSON or JSONL)', { file });
    bomLength = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
    encoding = bomLength > 0 || looksUtf8(sample.subarray(bomLength), bytesRead === SAMPLE_BYTES) ? 'utf8' : 'win1252';
  }
  const head = iconv.decode(sample.subarray(bomLength), encoding, { stripBOM: false });
  const firstChar = head.trimStart()[0];
  const extension = path.extname(file).toLowerCase();
  let format: FileFormat = 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') format = 'jsonl';
  else if (firstChar === '[') format = 'json';
  else if (firstChar === '{') format = 'jsonl';
  return { format, encoding, bomLength, head };
}

function looksBinary(sample: Buffer): boolean {
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control / sample.length > 0.01;
}

/**
 * UTF-8 when the sample is valid UTF-8 (a character cut by the sample's end allowed), or when
 * its well-formed multi-byte characters are at least as many as its stray bytes: a UTF-8 export with one
 * damaged byte is still UTF-8 (that row is refused later), not Windows-1252 mojibake for every
 * accent. Windows-1252 French (`é` = E9 then a letter) has no well-formed multi-byte sequence.
 */
function looksUtf8(sample: Buffer, truncated: boolean): boolean {
  let valid = 0;
  let invalid = 0;
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index] as number;
    if (byte < 0x80) continue;
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) {
      invalid++;
      continue;
    }
    if (index + length > sample.length) {
      if (!truncated) invalid++;
      break;
    }
    let continuation = 1;
    while (continuation < length && ((sample[index + continuation] as number) & 0xc0) === 0x80) continuation++;
    if (continuation === length) {
      valid++;
      index += length - 1;
    } else {
      invalid++;
    }
  }
  return invalid === 0 || (valid > 0 && valid >= invalid);
}
