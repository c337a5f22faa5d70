import type { CheerioAPI } from 'cheerio';
import type { ExtractResult } from './review-record.js';
import { extractFromSchemaNodes, isNode, type SchemaNode } from './schema-org.js';

/**
 * Reviews and aggregate ratings from a page's `<script type="application/ld+json">`
 * blocks (read as data, never run). A block that is not valid JSON becomes a
 * warning naming it; the other blocks are still read.
 *
 * @example extractJsonLd(load(html), url).reviews
 */
export function extractJsonLd($: CheerioAPI, url: string): ExtractResult {
  const roots: unknown[] = [];
  const warnings: string[] = [];
  $('script[type]').each((index, element) => {
    const type = ($(element).attr('type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    const parsed = parseBlock($(element).text());
    if (parsed.ok) roots.push(parsed.value);
    else warnings.push(`JSON-LD block ${index + 1}: invalid JSON (${parsed.error}); skipped`);
  });
  const byId = new Map<string, SchemaNode>();
  collectIds(roots, byId);
  const result = extractFromSchemaNodes(roots, url, byId);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

/** JSON.parse, and once more with raw line breaks and tabs inside strings turned into spaces (a common authoring slip). */
function parseBlock(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const source = text.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\*<!\[CDATA\[\*\/|\/\*\]\]>\*\/\s*$/g, '');
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    try {
      return { ok: true, value: JSON.parse(source.replace(/[\n\r\t]+/g, ' ')) };
    } catch {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

function collectIds(value: unknown, byId: Map<string, SchemaNode>, depth = 0): void {
  if (depth > 50) return;
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, byId, depth + 1);
    return;
  }
  if (!isNode(value)) return;
  const id = value['@id'];
  if (typeof id === 'string' && Object.keys(value).length > 1 && !byId.has(id)) byId.set(id, value);
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) collectIds(child, byId, depth + 1);
}
