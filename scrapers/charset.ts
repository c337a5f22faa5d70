import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Where the charset of a body came from, best to worst. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'xml-declaration' | 'json' | 'sniffed' | 'default';

export interface DecodedBody {
  readonly text: string;
  /** The charset used, as iconv-lite names it (`utf-8`, `windows-1252`, `shift_jis` …). */
  readonly charset: string;
  readonly source: CharsetSource;
}

/** What the body is, which decides where a charset may be declared. */
export type BodyFormat = 'html' | 'xml' | 'json' | 'text';

// WHATWG Encoding: these labels mean windows-1252 on the web (bytes 0x80–0x9F are € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'x-cp1252', 'cp819', 'ibm819', 'windows-1252']);
const PRESCAN_BYTES = 1024;

/**
 * Decodes a response body: a BOM first, then the `Content-Type` charset, then a
 * declaration inside the document (`<meta charset>`, `<meta http-equiv>`,
 * `<?xml encoding?>`), then the bytes themselves (valid UTF-8, else the best
 * guess, else Windows-1252, the web's default for undeclared Western pages).
 *
 * @example decodeBody(bytes, 'text/html; charset=windows-1252', 'html').text // 'Café à 5 €'
 */
export function decodeBody(bytes: Buffer, contentTypeCharset: string | undefined, format: BodyFormat): DecodedBody {
  const bom = bomCharset(bytes);
  if (bom !== undefined) return decodeWith(bytes.subarray(bom.length), bom.charset, 'bom');
  const fromHeader = normalizeCharset(contentTypeCharset);
  if (fromHeader !== undefined) return decodeWith(bytes, fromHeader, 'header');
  if (format === 'json') return decodeWith(bytes, 'utf-8', 'json');
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  const declared = format === 'html' ? metaCharset(head) : format === 'xml' ? xmlDeclarationCharset(head) : undefined;
  const fromDocument = normalizeCharset(declared);
  if (fromDocument !== undefined) return decodeWith(bytes, fromDocument, format === 'html' ? 'meta' : 'xml-declaration');
  if (isUtf8(bytes)) return decodeWith(bytes, 'utf-8', 'sniffed');
  const guess = normalizeCharset(chardet.detect(bytes) ?? undefined);
  if (guess !== undefined && guess !== 'utf-8') return decodeWith(bytes, guess, 'sniffed');
  return decodeWith(bytes, 'windows-1252', 'default');
}

/** A charset label as iconv-lite knows it, or undefined when unknown or absent. */
export function normalizeCharset(label: string | undefined | null): string | undefined {
  if (label == null) return undefined;
  const lower = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (lower === '') return undefined;
  if (WINDOWS_1252_LABELS.has(lower)) return 'windows-1252';
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  return iconv.encodingExists(lower) ? lower : undefined;
}

function decodeWith(bytes: Buffer, charset: string, source: CharsetSource): DecodedBody {
  return { text: iconv.decode(bytes, charset), charset, source };
}

function bomCharset(bytes: Buffer): { charset: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** `<meta charset=x>` or `<meta http-equiv="Content-Type" content="…; charset=x">` in the first KB (HTML prescan, simplified). */
function metaCharset(head: string): string | undefined {
  for (const match of head.matchAll(/<meta\b[^<>]*>/gi)) {
    const tag = match[0];
    const direct = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(tag);
    if (direct?.[1] !== undefined) return direct[1];
  }
  return undefined;
}

function xmlDeclarationCharset(head: string): string | undefined {
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
