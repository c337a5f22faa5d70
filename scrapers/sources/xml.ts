import { XMLParser } from 'fast-xml-parser';

/** Elements that may repeat in feeds and sitemaps: always arrays, so one entry reads like many. */
const ALWAYS_ARRAYS = new Set(['item', 'entry', 'link', 'url', 'sitemap', 'category', 'author']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // `content:encoded` → `encoded`, `dc:creator` → `creator`, `atom:link` → `link`.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
  // Entity expansion stays bounded (billion-laughs documents fail instead of eating memory).
  processEntities: { enabled: true, maxEntityCount: 50, maxTotalExpansions: 1000, maxExpandedLength: 100_000 },
});

/** An XML document as plain objects (attributes as `@_name`, text as `#text`); throws on malformed XML. */
export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text, true) as Record<string, unknown>;
}

/** The text of an element read by `parseXml`: a string, or the `#text` of an element with attributes; for nested markup (Atom xhtml), all its text. */
export function xmlText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return xmlText(value[0]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['#text'] === 'string') return record['#text'];
    const parts = Object.entries(record)
      .filter(([key]) => !key.startsWith('@_'))
      .map(([, child]) => (Array.isArray(child) ? child.map(xmlText).join(' ') : xmlText(child)))
      .filter((part): part is string => part !== null && part !== '');
    return parts.length > 0 ? parts.join(' ') : null;
  }
  return null;
}

/** An attribute of an element read by `parseXml`. */
export function xmlAttribute(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const attribute = (value as Record<string, unknown>)[`@_${name}`];
  return typeof attribute === 'string' ? attribute : undefined;
}

/** `value` as an array: undefined → [], one → [one]. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
