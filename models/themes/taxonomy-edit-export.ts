import { Document, isScalar, isSeq, visit } from 'yaml';
import type { Taxonomy, TaxonomyTheme } from './taxonomy.js';

const DEFAULT_CONFIDENCE = 0.9;

/**
 * A taxonomy as the file a team keeps in git: YAML (JSON when `format` is `json`),
 * empty lists and the default confidence left out, so a file exported, edited and
 * imported again reads like the hand-written one and validates the same.
 *
 * @example await writeFile('taxonomy.yaml', taxonomyText(taxonomy, 'yaml'))
 */
export function taxonomyText(taxonomy: Taxonomy, format: 'yaml' | 'json' = 'yaml'): string {
  const document = { themes: taxonomy.themes.map(compactTheme) };
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  const yaml = new Document(document);
  // Word lists on one line each, as in the bundled file: `en: [fee, fees]`.
  visit(yaml, {
    Seq: (_key, node) => {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return yaml.toString({ lineWidth: 0 });
}

function compactTheme(theme: Readonly<TaxonomyTheme>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(theme)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) continue;
    if (key === 'confidence' && value === DEFAULT_CONFIDENCE) continue;
    out[key] = value;
  }
  return out;
}
