import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { htmlToText } from './html-text.js';
import type { ExtractResult } from './review-record.js';
import { extractFromSchemaNodes, type SchemaNode } from './schema-org.js';

const URL_PROPERTY_TAGS: Readonly<Record<string, string>> = { a: 'href', area: 'href', link: 'href', img: 'src', audio: 'src', video: 'src', source: 'src', iframe: 'src', embed: 'src', track: 'src', object: 'data' };
const MAX_DEPTH = 20;

/**
 * Reviews and aggregate ratings from HTML microdata (`itemscope`,
 * `itemtype="https://schema.org/Review"`, `itemprop`): each top-level item is
 * turned into a schema.org node (nested items become nested nodes, values read
 * per the WHATWG rules: `content`, `datetime`, `href` …, else the text) and read
 * like JSON-LD.
 *
 * @example extractMicrodata(load(html), url).reviews
 */
export function extractMicrodata($: CheerioAPI, url: string): ExtractResult {
  const roots: SchemaNode[] = [];
  $('[itemscope]').each((_, element) => {
    // Top-level items only: nested ones are reached as property values.
    if ($(element).attr('itemprop') === undefined) roots.push(readItem($, element, 0));
  });
  return extractFromSchemaNodes(roots, url);
}

function readItem($: CheerioAPI, scope: Element, depth: number): SchemaNode {
  const node: Record<string, unknown> = {};
  const itemtype = $(scope).attr('itemtype');
  if (itemtype !== undefined) node['@type'] = itemtype.trim().split(/\s+/);
  const itemid = $(scope).attr('itemid');
  if (itemid !== undefined && itemid.trim() !== '') node['@id'] = itemid.trim();
  for (const element of propertiesOf($, scope)) {
    const value = depth < MAX_DEPTH && $(element).attr('itemscope') !== undefined ? readItem($, element, depth + 1) : propertyValue($(element));
    for (const name of ($(element).attr('itemprop') ?? '').trim().split(/\s+/)) {
      if (name === '') continue;
      const key = name.replace(/^.*[/#]/, '');
      const previous = node[key];
      node[key] = previous === undefined ? value : Array.isArray(previous) ? [...(previous as unknown[]), value] : [previous, value];
    }
  }
  return node;
}

/** The `itemprop` elements that belong to `scope`: descendants not inside a nested item. */
function propertiesOf($: CheerioAPI, scope: Element): Element[] {
  const found: Element[] = [];
  const walk = (children: AnyNode[]): void => {
    for (const child of children) {
      if (child.type !== 'tag' && child.type !== 'script' && child.type !== 'style') continue;
      const element = child as Element;
      const hasProp = $(element).attr('itemprop') !== undefined;
      if (hasProp) found.push(element);
      if ($(element).attr('itemscope') === undefined) walk(element.children);
    }
  };
  walk(scope.children);
  return found;
}

function propertyValue(element: Cheerio<Element>): string {
  const tag = (element.prop('tagName') ?? '').toLowerCase();
  if (tag === 'meta') return element.attr('content') ?? '';
  const urlAttribute = URL_PROPERTY_TAGS[tag];
  if (urlAttribute !== undefined) return element.attr(urlAttribute) ?? '';
  if (tag === 'data' || tag === 'meter') return element.attr('value') ?? '';
  if (tag === 'time') return element.attr('datetime') ?? element.text();
  // Some sites put the machine value on any element (`<span itemprop="ratingValue" content="4">★★★★</span>`).
  return element.attr('content') ?? htmlToText(element.html() ?? '');
}
