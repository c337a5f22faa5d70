import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { taxonomySchema, themeSchema, type TaxonomyTheme } from './taxonomy-schema.js';
import { fieldName, readTaxonomySource, type TaxonomyProblem, type TaxonomySource } from './taxonomy-source.js';

export type { TaxonomyTheme } from './taxonomy-schema.js';

/** A validated, frozen taxonomy. */
export interface Taxonomy {
  readonly themes: readonly Readonly<TaxonomyTheme>[];
}

/**
 * Parses and validates a taxonomy file's text (JSON when `file` ends in `.json`,
 * else YAML). Every problem is reported, not just the first, one a line as
 * `file:line: field: message`, in one ConfigError; unknown keys are problems.
 *
 * @example parseTaxonomy(await readFile('taxonomy.yaml', 'utf8'), 'taxonomy.yaml')
 */
export function parseTaxonomy(text: string, file: string): Taxonomy {
  const { source, problems } = readTaxonomySource(text, file);
  if (source === undefined) throw taxonomyError(file, problems);
  const parsed = taxonomySchema.safeParse(source.value);
  if (!parsed.success) throw taxonomyError(file, parsed.error.issues.flatMap((issue) => problemsOfIssue(issue, source)));
  const semantic = semanticProblems(parsed.data.themes, source);
  if (semantic.length > 0) throw taxonomyError(file, semantic);
  return Object.freeze({ themes: Object.freeze(parsed.data.themes.map((theme) => Object.freeze(theme))) });
}

/** Unique ids, parents that exist, no parent cycle, patterns that compile. */
function semanticProblems(themes: readonly TaxonomyTheme[], source: TaxonomySource): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  const ids = new Set<string>();
  themes.forEach((theme, index) => {
    if (ids.has(theme.id)) problems.push(at(source, ['themes', index, 'id'], `duplicate theme id \`${theme.id}\``));
    ids.add(theme.id);
  });
  themes.forEach((theme, index) => {
    if (theme.parent !== undefined && !ids.has(theme.parent)) {
      problems.push(at(source, ['themes', index, 'parent'], `\`${theme.parent}\` is not a theme of this taxonomy`));
    }
    theme.patterns.forEach((pattern, patternIndex) => {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        problems.push(at(source, ['themes', index, 'patterns', patternIndex], (error as Error).message));
      }
    });
  });
  return [...problems, ...aliasProblems(themes, ids, source), ...cycleProblems(themes, source)];
}

/** An alias names a theme that no longer exists, so it is no theme's id and one theme's alias only. */
function aliasProblems(themes: readonly TaxonomyTheme[], ids: ReadonlySet<string>, source: TaxonomySource): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  const owner = new Map<string, string>();
  themes.forEach((theme, index) => {
    (theme.aliases ?? []).forEach((alias, aliasIndex) => {
      const where = ['themes', index, 'aliases', aliasIndex] as const;
      const taken = owner.get(alias);
      if (ids.has(alias)) problems.push(at(source, where, `\`${alias}\` is a theme of this taxonomy, so it cannot be an alias`));
      else if (taken !== undefined) problems.push(at(source, where, `\`${alias}\` is already an alias of \`${taken}\``));
      owner.set(alias, theme.id);
    });
  });
  return problems;
}

/**
 * Parent chains that come back to a theme already on them (`a` → `b` → `a`, or a theme
 * its own parent): `topLevelId`, and with it `enrich` and `train`, would climb them for
 * ever. One problem a cycle, at the `parent` of its theme that comes first in the file,
 * naming the whole cycle.
 */
function cycleProblems(themes: readonly TaxonomyTheme[], source: TaxonomySource): TaxonomyProblem[] {
  const indexOf = new Map<string, number>();
  themes.forEach((theme, index) => {
    if (!indexOf.has(theme.id)) indexOf.set(theme.id, index);
  });
  const parentOf = (id: string): string | undefined => themes[indexOf.get(id) ?? -1]?.parent;
  const settled = new Set<string>();
  const problems: TaxonomyProblem[] = [];
  for (const start of themes) {
    const chain: string[] = [];
    for (let id: string | undefined = start.id; id !== undefined && indexOf.has(id) && !settled.has(id); id = parentOf(id)) {
      const seen = chain.indexOf(id);
      if (seen !== -1) {
        const cycle = chain.slice(seen);
        const first = cycle.reduce((a, b) => ((indexOf.get(a) ?? 0) <= (indexOf.get(b) ?? 0) ? a : b));
        const from = cycle.indexOf(first);
        const ordered = [...cycle.slice(from), ...cycle.slice(0, from), first];
        problems.push(
          at(source, ['themes', indexOf.get(first) ?? 0, 'parent'], `parent cycle ${ordered.map((id) => `\`${id}\``).join(' → ')}: a theme cannot be its own ancestor`),
        );
        break;
      }
      chain.push(id);
    }
    for (const id of chain) settled.add(id);
  }
  return problems;
}

const THEME_KEYS = Object.keys(themeSchema.shape).join(', ');
const TOP_KEYS = Object.keys(taxonomySchema.shape).join(', ');

function problemsOfIssue(issue: z.core.$ZodIssue, source: TaxonomySource): TaxonomyProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const expected = issue.path.length === 0 ? TOP_KEYS : issue.path.length === 2 ? THEME_KEYS : undefined;
    return issue.keys.map((key) => ({
      line: source.keyLineOf(issue.path, key),
      field: fieldName([...issue.path, key]),
      message: `unknown key \`${key}\`${expected === undefined ? '' : ` (expected one of: ${expected})`}`,
    }));
  }
  if (issue.code === 'invalid_key') {
    // A bad language code: zod nests the key's own message.
    const key = String(issue.path.at(-1));
    return [{ line: source.keyLineOf(issue.path.slice(0, -1), key), field: fieldName(issue.path), message: issue.issues[0]?.message ?? issue.message }];
  }
  return [at(source, issue.path, issue.message)];
}

function at(source: TaxonomySource, path: readonly PropertyKey[], message: string): TaxonomyProblem {
  return { line: source.lineOf(path), field: fieldName(path), message };
}

function taxonomyError(file: string, problems: readonly TaxonomyProblem[]): ConfigError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return new ConfigError(sorted.map((problem) => `${file}:${problem.line}: ${problem.field === '' ? '' : `field \`${problem.field}\`: `}${problem.message}`).join('\n'));
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
