import { open } from 'node:fs/promises';
import path from 'node:path';
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
 * one clear line; otherwise the encoding (BOM, valid UTF-8, else Windows-1252) and
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
  const bomLength = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  if (sample.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || sample.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) {
    throw new InputError('UTF-16 files are not supported: save the export as UTF-8', { file });
  }
  if (looksBinary(sample)) throw new InputError('this is a binary file, not a survey export (CSV, XLSX, JSON or JSONL)', { file });
  const encoding = bomLength > 0 || isUtf8(sample.subarray(bomLength), bytesRead === SAMPLE_BYTES) ? 'utf8' : 'win1252';
  const head = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'windows-1252').decode(sample.subarray(bomLength));
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

/** Valid UTF-8, allowing a multi-byte character cut at the end of a partial sample. */
function isUtf8(sample: Buffer, truncated: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(truncated ? sample.subarray(0, sample.length - 4) : sample);
    return true;
  } catch {
    return false;
  }
}
