import { EDIT_OPS, TERM_KINDS, type TaxonomyEdit, type TermKind } from '../analysis/taxonomy-editing.js';
import { ApiError } from './errors.js';

/** A posted form (`@fastify/formbody`): field → value(s). */
export type FormBody = Readonly<Record<string, unknown>> | undefined;

/** The fields an edit form posts, by operation; the preview's Apply form posts them back unchanged. */
export const EDIT_FIELDS = ['op', 'theme', 'label', 'label_fr', 'from', 'into', 'id', 'parent', 'kind', 'lang', 'words', 'examples'] as const;

/** A text field, trimmed; '' when absent. */
export function field(body: FormBody, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

function required(body: FormBody, name: string, what: string): string {
  const value = field(body, name);
  if (value === '') throw new ApiError('bad_request', `field \`${name}\`: ${what} is missing`);
  return value;
}

/** `a, b ,c` → ['a', 'b', 'c'] under the form's language. */
function words(body: FormBody): Record<string, string[]> {
  const lang = required(body, 'lang', 'the language of the words');
  const list = field(body, 'words')
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
  if (list.length === 0) throw new ApiError('bad_request', 'field `words`: give at least one word (comma-separated)');
  return { [lang]: list };
}

/**
 * The edit a theme-editor form describes; a missing or unknown field is a 400 naming it.
 *
 * @example editFromForm({ op: 'label', theme: 'fees_pricing', label: 'Fees', label_fr: 'Frais' })
 */
export function editFromForm(body: FormBody): TaxonomyEdit {
  const op = field(body, 'op');
  if (!(EDIT_OPS as readonly string[]).includes(op)) throw new ApiError('bad_request', `field \`op\`: expected one of ${EDIT_OPS.join(', ')}, got \`${op}\``);
  switch (op as TaxonomyEdit['op']) {
    case 'label': {
      const label = field(body, 'label');
      const labelFr = field(body, 'label_fr');
      if (label === '' && labelFr === '') throw new ApiError('bad_request', 'give a new label (English or French)');
      return { op: 'label', theme: required(body, 'theme', 'the theme'), ...(label === '' ? {} : { label }), ...(labelFr === '' ? {} : { labels: { fr: labelFr } }) };
    }
    case 'merge':
      return { op: 'merge', from: required(body, 'from', 'the theme to merge'), into: required(body, 'into', 'the theme to merge into') };
    case 'split':
      return { op: 'split', theme: required(body, 'theme', 'the theme'), id: required(body, 'id', 'the new theme id'), label: required(body, 'label', 'the new label'), terms: words(body) };
    case 'move': {
      const parent = field(body, 'parent');
      return { op: 'move', theme: required(body, 'theme', 'the theme'), parent: parent === '' ? null : parent };
    }
    case 'add-words':
    case 'remove-words': {
      const kind = field(body, 'kind');
      if (!(TERM_KINDS as readonly string[]).includes(kind)) throw new ApiError('bad_request', `field \`kind\`: expected one of ${TERM_KINDS.join(', ')}`);
      return { op: op as 'add-words' | 'remove-words', theme: required(body, 'theme', 'the theme'), kind: kind as TermKind, words: words(body) };
    }
    case 'add-examples':
    case 'remove-examples': {
      const examples = field(body, 'examples')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
      return { op: op as 'add-examples' | 'remove-examples', theme: required(body, 'theme', 'the theme'), examples };
    }
    case 'create': {
      const parent = field(body, 'parent');
      return { op: 'create', id: required(body, 'id', 'the new theme id'), label: required(body, 'label', 'the label'), terms: words(body), ...(parent === '' ? {} : { parent }) };
    }
  }
}

/** A one-line description of an edit, the default history message. */
export function describeEdit(edit: TaxonomyEdit): string {
  switch (edit.op) {
    case 'label':
      return `label ${edit.theme}: ${[edit.label, edit.labels?.['fr'] === undefined ? undefined : `fr ${edit.labels['fr']}`].filter((part) => part !== undefined).join(', ')}`;
    case 'merge':
      return `merge ${edit.from} into ${edit.into}`;
    case 'split':
      return `split ${edit.id} out of ${edit.theme}`;
    case 'move':
      return edit.parent === null ? `move ${edit.theme} to the top level` : `move ${edit.theme} under ${edit.parent}`;
    case 'add-words':
    case 'remove-words':
      return `${edit.op === 'add-words' ? 'add' : 'remove'} ${edit.kind} of ${edit.theme}: ${Object.values(edit.words).flat().join(', ')}`;
    case 'add-examples':
    case 'remove-examples':
      return `${edit.op === 'add-examples' ? 'add' : 'remove'} ${edit.examples.length} example(s) of ${edit.theme}`;
    case 'create':
      return `new theme ${edit.id} (${edit.label})`;
  }
}
