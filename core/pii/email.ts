import { allMatches, charBefore, isSpace, runEnd, type Span } from './text-spans.js';

/**
 * E-mail addresses, plain ("jean.dupont@gmail.com") and obfuscated ("jean dot dupont at gmail dot com",
 * "jean(at)gmail.com", "jean [at] gmail [dot] com", "jean arobase gmail point com"), found in linear time:
 * plain ones inside maximal runs of address characters, obfuscated ones by expanding outwards from each
 * "at" marker over words joined by "dot" markers, never past the neighbouring marker.
 */
export function findEmails(text: string): Span[] {
  return [...findPlainEmails(text), ...findObfuscatedEmails(text)];
}

const ADDRESS_RUN = /[\p{L}\p{N}\p{M}._%+@-]+/gu;
const DOMAIN_CHARS = /[\p{L}\p{N}\p{M}.-]+/uy;
const TLD = /^\p{L}{2,24}$/u;

function findPlainEmails(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes('@')) return spans;
  for (const run of allMatches(ADDRESS_RUN, text)) {
    const value = run[0];
    if (!value.includes('@')) continue;
    const parts = value.split('@');
    let offset = run.index;
    for (let k = 0; k + 1 < parts.length; k++) {
      const local = parts[k] ?? '';
      let trimmed = 0;
      while (trimmed < local.length && '.+-'.includes(local.charAt(trimmed))) trimmed++;
      const domainEnd = validDomainLength(parts[k + 1] ?? '');
      if (trimmed < local.length && domainEnd > 0) spans.push({ start: offset + trimmed, end: offset + local.length + 1 + domainEnd });
      offset += local.length + 1;
    }
  }
  return spans;
}

/** Length of the domain at the start of `part` ("gmail.com" of "gmail.com."), or 0 when there is none. */
function validDomainLength(part: string): number {
  let length = runEnd(part, 0, DOMAIN_CHARS);
  while (length > 0 && '.-'.includes(part.charAt(length - 1))) length--;
  const domain = part.slice(0, length);
  const dot = domain.lastIndexOf('.');
  if (dot <= 0 || domain.includes('..')) return 0;
  return TLD.test(domain.slice(dot + 1)) ? domain.length : 0;
}

// "at" markers: bracketed, the bare words, or a spaced '@' (an unspaced one is a plain address).
const AT_MARKER = /[[({<]\s{0,2}(?:at|@|arobase)\s{0,2}[\])}>]|(?<![\p{L}\p{N}_])(?:at|arobase)(?![\p{L}\p{N}_])|@/giu;
const WORD = /[\p{L}\p{N}\p{M}_%+-]+/uy;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_%+-]$/u;
const DOT_AFTER = /^(?:\.|\s{0,2}[[({<]\s{0,2}(?:dot|point|\.)\s{0,2}[\])}>]\s{0,2}|\s{1,2}(?:dot|point)\s{1,2})/iu;
const DOT_BEFORE = /(?:\.|\s{0,2}[[({<]\s{0,2}(?:dot|point|\.)\s{0,2}[\])}>]\s{0,2}|\s{1,2}(?:dot|point)\s{1,2})$/iu;
const RESERVED = new Set(['at', 'arobase', 'dot', 'point']);
// With the bare word "at" ("look at google.com"), only well-known mail hosts or an obfuscated dot make an address.
const MAIL_HOSTS = new Set(['gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'msn', 'yahoo', 'icloud', 'me', 'aol', 'gmx', 'orange', 'wanadoo', 'free', 'sfr', 'neuf', 'laposte', 'bbox', 'protonmail', 'proton', 'numericable', 'club-internet']);
const MARKER_WINDOW = 16;

function findObfuscatedEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (const marker of allMatches(AT_MARKER, text)) {
    const raw = marker[0];
    const bare = /^[a-z]/iu.test(raw);
    const spacedAt = raw === '@';
    if (spacedAt && !isSpace(charBefore(text, marker.index)) && !isSpace(text.charAt(marker.index + 1))) continue;
    const local = localStart(text, marker.index);
    const domain = domainEnd(text, marker.index + raw.length);
    if (local === undefined || domain === undefined) continue;
    const loose = (bare && raw.toLowerCase() === 'at') || spacedAt;
    if (loose && !domain.obfuscated && !local.obfuscated && !MAIL_HOSTS.has(domain.host)) continue;
    spans.push({ start: local.start, end: domain.end });
  }
  return spans;
}

/** Start of the words joined by dot markers that end (up to two spaces) before `index`. */
function localStart(text: string, index: number): { start: number; obfuscated: boolean } | undefined {
  let at = index;
  for (let spaces = 0; spaces < 2 && isSpace(charBefore(text, at)); spaces++) at--;
  let start = wordStartBefore(text, at);
  if (start === at || RESERVED.has(text.slice(start, at).toLowerCase())) return undefined;
  let obfuscated = false;
  for (;;) {
    const window = text.slice(Math.max(0, start - MARKER_WINDOW), start);
    const dot = DOT_BEFORE.exec(window)?.[0];
    if (dot === undefined) break;
    const wordEnd = start - dot.length;
    const wordStart = wordStartBefore(text, wordEnd);
    if (wordStart === wordEnd || RESERVED.has(text.slice(wordStart, wordEnd).toLowerCase())) break;
    obfuscated ||= dot !== '.';
    start = wordStart;
  }
  return { start, obfuscated };
}

function wordStartBefore(text: string, index: number): number {
  let at = index;
  for (let char = charBefore(text, at); char !== '' && WORD_CHAR.test(char); char = charBefore(text, at)) at -= char.length;
  return at;
}

/** End of the domain (labels joined by dot markers, a TLD last) that starts (after up to two spaces) at `index`. */
function domainEnd(text: string, index: number): { end: number; host: string; obfuscated: boolean } | undefined {
  let at = index;
  for (let spaces = 0; spaces < 2 && isSpace(text.charAt(at)); spaces++) at++;
  const first = runEnd(text, at, WORD);
  const host = text.slice(at, first).toLowerCase();
  if (first === at || RESERVED.has(host)) return undefined;
  let end = first;
  let labels = 1;
  let lastLabel = host;
  let obfuscated = false;
  for (;;) {
    const dot = DOT_AFTER.exec(text.slice(end, end + MARKER_WINDOW))?.[0];
    if (dot === undefined) break;
    const labelStart = end + dot.length;
    const labelEnd = runEnd(text, labelStart, WORD);
    const label = text.slice(labelStart, labelEnd);
    if (labelEnd === labelStart || RESERVED.has(label.toLowerCase())) break;
    obfuscated ||= dot !== '.';
    labels++;
    lastLabel = label;
    end = labelEnd;
  }
  if (labels < 2 || !TLD.test(lastLabel)) return undefined;
  return { end, host, obfuscated };
}
