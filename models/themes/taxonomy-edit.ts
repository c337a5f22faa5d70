import { ConfigError } from '../../core/errors.js';
import { parseTaxonomy, type Taxonomy, type TaxonomyTheme } from './taxonomy.js';

/** The word lists of a theme an edit may add to or take from. */
export const TERM_KINDS = ['terms', 'phrases', 'stems', 'exclude'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** Words by language (`{ fr: ['frais'], en: ['fee'] }`). */
export type WordsByLanguage = Readonly<Record<string, readonly string[]>>;

/**
 * One change to a taxonomy. Theme ids never change: a rename changes labels, a move
 * changes the parent, a merge removes the merged theme (its verbatims are tagged with
 * the theme it went into), so trend lines stay continuous across versions.
 */
export type TaxonomyEdit =
  | { readonly op: 'label'; readonly theme: string; readonly label?: string; readonly labels?: Readonly<Record<string, string>> }
  | { readonly op: 'merge'; readonly from: string; readonly into: string }
  | { readonly op: 'split'; readonly theme: string; readonly id: string; readonly label: string; readonly terms: WordsByLanguage }
  | { readonly op: 'move'; readonly theme: string; readonly parent: string | null }
  | { readonly op: 'add-words' | 'remove-words'; readonly theme: string; readonly kind: TermKind; readonly words: WordsByLanguage }
  | { readonly op: 'add-examples' | 'remove-examples'; readonly theme: string; readonly examples: readonly string[] }
  | { readonly op: 'create'; readonly id: string; readonly label: string; readonly terms: WordsByLanguage; readonly parent?: string };

/** Operation names, for forms and the CLI. */
export const EDIT_OPS = ['label', 'merge', 'split', 'move', 'add-words', 'remove-words', 'add-examples', 'remove-examples', 'create'] as const;

/**
 * Validates a taxonomy value with the file validation (`parseTaxonomy`): every problem
 * at once, as `NAME.json:line: field …` over the value written as indented JSON.
 *
 * @example validateTaxonomy(JSON.parse(stored.document), 'version 3')
 */
export function validateTaxonomy(value: unknown, name = 'taxonomy'): Taxonomy {
  return parseTaxonomy(`${JSON.stringify(value, null, 2)}\n`, `${name}.json`);
}

/**
 * Applies one edit to a taxonomy and validates the result: the new taxonomy, or a
 * ConfigError naming what is wrong (unknown theme, duplicate id, cycle …).
 *
 * @example applyEdit(taxonomy, { op: 'label', theme: 'fees_pricing', label: 'Fees', labels: { fr: 'Frais' } })
 */
export function applyEdit(taxonomy: Taxonomy, edit: TaxonomyEdit): Taxonomy {
  const themes = taxonomy.themes.map((theme) => structuredClone(theme) as TaxonomyTheme);
  const find = (id: string, role = 'theme'): TaxonomyTheme => {
    const theme = themes.find((candidate) => candidate.id === id);
    if (theme === undefined) throw new ConfigError(`${role} \`${id}\` is not a theme of this taxonomy`);
    return theme;
  };
  switch (edit.op) {
    case 'label': {
      const theme = find(edit.theme);
      if (edit.label !== undefined) theme.label = edit.label.trim();
      const labels = { ...theme.labels };
      for (const [lang, label] of Object.entries(edit.labels ?? {})) {
        if (label.trim() === '') delete labels[lang];
        else labels[lang] = label.trim();
      }
      if (Object.keys(labels).length > 0) theme.labels = labels;
      else delete theme.labels;
      break;
    }
    case 'merge': {
      if (edit.from === edit.into) throw new ConfigError(`cannot merge \`${edit.from}\` into itself`);
      const from = find(edit.from, 'merged theme');
      const into = find(edit.into, 'target theme');
      if (ancestorsOf(themes, into.id).includes(from.id)) throw new ConfigError(`cannot merge \`${from.id}\` into its own sub-theme \`${into.id}\``);
      for (const kind of TERM_KINDS) into[kind] = union(into[kind], from[kind]);
      into.patterns = [...new Set([...into.patterns, ...from.patterns])];
      if (from.examples !== undefined) into.examples = [...new Set([...(into.examples ?? []), ...from.examples])];
      for (const child of themes) if (child.parent === from.id) child.parent = into.id;
      // Models trained before the merge still answer the old id: it is read as the theme it went into.
      into.aliases = [...new Set([...(into.aliases ?? []), ...(from.aliases ?? []), from.id])];
      themes.splice(themes.indexOf(from), 1);
      break;
    }
    case 'split': {
      const theme = find(edit.theme);
      if (countWords(edit.terms) === 0) throw new ConfigError('a split moves at least one term to the new theme');
      for (const [lang, words] of Object.entries(edit.terms)) {
        const missing = words.filter((word) => !(theme.terms[lang] ?? []).includes(word) && !(theme.phrases[lang] ?? []).includes(word));
        if (missing.length > 0) throw new ConfigError(`\`${theme.id}\` has no ${lang} term ${missing.map((word) => `\`${word}\``).join(', ')} to move`);
      }
      theme.terms = difference(theme.terms, edit.terms);
      theme.phrases = difference(theme.phrases, edit.terms);
      const moved = splitWords(edit.terms);
      reuseId(themes, edit.id);
      themes.splice(themes.indexOf(theme) + 1, 0, newTheme(edit.id, edit.label, moved.terms, moved.phrases, theme.parent, theme.confidence));
      break;
    }
    case 'move': {
      const theme = find(edit.theme);
      if (edit.parent === null) delete theme.parent;
      else {
        find(edit.parent, 'parent');
        theme.parent = edit.parent;
      }
      break;
    }
    case 'add-words':
    case 'remove-words': {
      const theme = find(edit.theme);
      if (countWords(edit.words) === 0) throw new ConfigError(`no ${edit.kind} given to ${edit.op === 'add-words' ? 'add' : 'remove'}`);
      if (edit.op === 'add-words') theme[edit.kind] = union(theme[edit.kind], edit.words);
      else {
        for (const [lang, words] of Object.entries(edit.words)) {
          const missing = words.filter((word) => !(theme[edit.kind][lang] ?? []).includes(word));
          if (missing.length > 0) throw new ConfigError(`\`${theme.id}\` has no ${lang} ${edit.kind} ${missing.map((word) => `\`${word}\``).join(', ')}`);
        }
        theme[edit.kind] = difference(theme[edit.kind], edit.words);
      }
      break;
    }
    case 'add-examples':
    case 'remove-examples': {
      const theme = find(edit.theme);
      const examples = edit.examples.map((example) => example.trim()).filter((example) => example !== '');
      if (examples.length === 0) throw new ConfigError('no example verbatim given');
      const kept = edit.op === 'add-examples' ? [...new Set([...(theme.examples ?? []), ...examples])] : (theme.examples ?? []).filter((example) => !examples.includes(example));
      if (kept.length > 0) theme.examples = kept;
      else delete theme.examples;
      break;
    }
    case 'create': {
      if (countWords(edit.terms) === 0) throw new ConfigError(`a new theme needs at least one term (\`${edit.id}\` would never be tagged)`);
      if (edit.parent !== undefined) find(edit.parent, 'parent');
      const words = splitWords(edit.terms);
      reuseId(themes, edit.id);
      themes.push(newTheme(edit.id, edit.label, words.terms, words.phrases, edit.parent, 0.9));
      break;
    }
  }
  return validateTaxonomy({ themes }, 'edited taxonomy');
}

/** A theme id → the id its verbatims carry after the edit, for the ids an edit removes (a merge). */
export function idMapOf(edit: TaxonomyEdit): Readonly<Record<string, string>> {
  return edit.op === 'merge' ? { [edit.from]: edit.into } : {};
}

/** A new theme may take the id of one merged away earlier: from then on that id means the new theme, not an alias. */
function reuseId(themes: TaxonomyTheme[], id: string): void {
  for (const theme of themes) {
    if (theme.aliases === undefined || !theme.aliases.includes(id)) continue;
    const kept = theme.aliases.filter((alias) => alias !== id);
    if (kept.length > 0) theme.aliases = kept;
    else delete theme.aliases;
  }
}

function newTheme(id: string, label: string, terms: Record<string, string[]>, phrases: Record<string, string[]>, parent: string | undefined, confidence: number): TaxonomyTheme {
  return { id, label: label.trim(), ...(parent === undefined ? {} : { parent }), terms, phrases, stems: {}, patterns: [], exclude: {}, confidence };
}

/** Words with a space are phrases, the others terms (the rule tagger reads both the same way). */
function splitWords(words: WordsByLanguage): { terms: Record<string, string[]>; phrases: Record<string, string[]> } {
  const terms: Record<string, string[]> = {};
  const phrases: Record<string, string[]> = {};
  for (const [lang, list] of Object.entries(words)) {
    const single = list.filter((word) => !/\s/.test(word.trim()));
    const several = list.filter((word) => /\s/.test(word.trim()));
    if (single.length > 0) terms[lang] = single;
    if (several.length > 0) phrases[lang] = several;
  }
  return { terms, phrases };
}

function union(a: WordsByLanguage, b: WordsByLanguage): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const lang of new Set([...Object.keys(a), ...Object.keys(b)])) out[lang] = [...new Set([...(a[lang] ?? []), ...(b[lang] ?? []).map((word) => word.trim())])];
  return out;
}

function difference(a: WordsByLanguage, b: WordsByLanguage): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [lang, words] of Object.entries(a)) {
    const kept = words.filter((word) => !(b[lang] ?? []).includes(word));
    if (kept.length > 0) out[lang] = kept;
  }
  return out;
}

function countWords(words: WordsByLanguage): number {
  return Object.values(words).reduce((sum, list) => sum + list.filter((word) => word.trim() !== '').length, 0);
}

function ancestorsOf(themes: readonly TaxonomyTheme[], id: string): string[] {
  const out: string[] = [];
  for (let parent = themes.find((theme) => theme.id === id)?.parent; parent !== undefined && !out.includes(parent); parent = themes.find((theme) => theme.id === parent)?.parent) {
    out.push(parent);
  }
  return out;
}
