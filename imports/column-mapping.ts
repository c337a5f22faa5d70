import { InputError } from '../core/errors.js';
import { fold } from '../core/text-folding.js';

/** Fields a survey column can fill; any other column becomes a segment. */
export const MAPPED_FIELDS = ['external_id', 'text', 'nps', 'rating', 'created_at', 'author', 'journey', 'respondent'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Common header names, folded (accents, case, separators), per field, most specific first. */
const HEADER_NAMES: Readonly<Record<MappedField, readonly string[]>> = {
  external_id: ['id', 'respondent id', 'response id', 'responseid', 'identifiant', 'id reponse', 'review id', 'record id', 'uuid'],
  text: ['comment', 'comments', 'commentaire', 'commentaires', 'verbatim', 'text', 'texte', 'feedback', 'avis', 'review', 'message', 'remarque', 'content', 'body', 'open answer', 'reponse ouverte'],
  nps: ['nps', 'enps', 'score', 'note', 'nps score', 'score nps', 'recommandation', 'likelihood to recommend', 'ltr', 'recommend'],
  rating: ['rating', 'stars', 'etoiles', 'star rating', 'note etoiles'],
  created_at: ['date', 'created at', 'created', 'submitted at', 'submitted', 'date reponse', 'response date', 'timestamp', 'date de reponse', 'answered at'],
  author: ['author', 'auteur', 'email', 'e mail', 'mail', 'customer id', 'client id', 'client', 'customer', 'name', 'nom', 'user'],
  journey: ['journey', 'journey step', 'etape', 'etape parcours', 'parcours', 'touchpoint', 'moment', 'step'],
  respondent: ['respondent', 'respondent type', 'type repondant'],
};

export function foldHeader(header: string): string {
  return fold(header).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Field → column of the file: `--map` first, then known header names. Unknown `--map` columns are an InputError. */
export function mapColumns(
  columns: readonly string[],
  explicit: Readonly<Record<string, string>>,
  file: string,
): { fields: Partial<Record<MappedField, string>>; segments: Readonly<Record<string, string>> } {
  const fields: Partial<Record<MappedField, string>> = {};
  const segments: Record<string, string> = {};
  const used = new Set<string>();
  for (const [field, column] of Object.entries(explicit)) {
    if (!columns.includes(column)) {
      throw new InputError(`--map ${field}=${column}: no column \`${column}\` (columns: ${columns.join(', ')})`, { file, field });
    }
    if ((MAPPED_FIELDS as readonly string[]).includes(field)) fields[field as MappedField] = column;
    else segments[field] = column;
    used.add(column);
  }
  const byFolded = new Map(columns.map((column) => [foldHeader(column), column]));
  for (const field of MAPPED_FIELDS) {
    if (fields[field] !== undefined) continue;
    for (const name of HEADER_NAMES[field]) {
      const column = byFolded.get(name);
      if (column !== undefined && !used.has(column)) {
        fields[field] = column;
        used.add(column);
        break;
      }
    }
  }
  for (const column of columns) {
    if (used.has(column) || column === '') continue;
    segments[foldHeader(column).replace(/ /g, '_')] = column;
  }
  if (fields.text === undefined && fields.nps === undefined && fields.rating === undefined) {
    throw new InputError(
      `no column holds a comment or a score (columns: ${columns.join(', ') || 'none'}); name them with --map text=COLUMN --map nps=COLUMN`,
      { file },
    );
  }
  return { fields, segments };
}
