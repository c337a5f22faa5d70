import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../pipeline/errors.js';

const perLanguage = z.record(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'), z.array(z.string().min(1)));

const themeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'a lower_snake_case id (dots for sub-themes)'),
  label: z.string().min(1),
  description: z.string().optional(),
  parent: z.string().optional(),
  terms: perLanguage.default({}),
  phrases: perLanguage.default({}),
  /** Words matched by their stem (natural's stemmer for the language): "rembourser" also finds "remboursements". */
  stems: perLanguage.default({}),
  patterns: z.array(z.string()).default([]),
  exclude: perLanguage.default({}),
  /** Confidence given to a rule match of this theme. */
  confidence: z.number().min(0).max(1).default(0.9),
});

const taxonomySchema = z.object({ themes: z.array(themeSchema).min(1) });

export type TaxonomyTheme = z.infer<typeof themeSchema>;

/** A validated, frozen taxonomy. */
export interface Taxonomy {
  readonly themes: readonly Readonly<TaxonomyTheme>[];
}

/**
 * Parses and validates a taxonomy (YAML or JSON text); errors name the file and
 * the path of the bad field.
 *
 * @example parseTaxonomy(await readFile('taxonomy.yaml', 'utf8'), 'taxonomy.yaml')
 */
export function parseTaxonomy(text: string, file: string): Taxonomy {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = taxonomySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const ids = new Set<string>();
  for (const theme of parsed.data.themes) {
    if (ids.has(theme.id)) throw new ConfigError(`${file}: themes: duplicate theme id \`${theme.id}\``);
    ids.add(theme.id);
  }
  for (const theme of parsed.data.themes) {
    if (theme.parent !== undefined && !ids.has(theme.parent)) {
      throw new ConfigError(`${file}: theme \`${theme.id}\`: parent \`${theme.parent}\` is not a theme of this taxonomy`);
    }
    for (const pattern of theme.patterns) {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        throw new ConfigError(`${file}: theme \`${theme.id}\`: patterns: ${(error as Error).message}`);
      }
    }
  }
  return Object.freeze({ themes: Object.freeze(parsed.data.themes.map((theme) => Object.freeze(theme))) });
}

export async function loadTaxonomy(file: string): Promise<Taxonomy> {
  return parseTaxonomy(await readFile(file, 'utf8'), file);
}

/** The top-level ancestor of a theme (reports and pipe mode speak in top-level ids). */
export function topLevelId(taxonomy: Taxonomy, id: string): string {
  const byId = new Map(taxonomy.themes.map((theme) => [theme.id, theme]));
  let current = byId.get(id);
  while (current?.parent !== undefined) current = byId.get(current.parent);
  return current?.id ?? id;
}
