import { fold } from '../../core/text-folding.js';
import { ConfigError } from '../../core/errors.js';
import type { SentimentLabel } from '../../core/vocabulary.js';

/** What one output label of a sentiment classifier means for us. */
export interface LabelMeaning {
  readonly label: SentimentLabel;
  /** −1..1: the label's weight in the overall score (expected valence). */
  readonly valence: number;
}

const NAMED: Readonly<Record<string, LabelMeaning>> = {
  negative: { label: 'negative', valence: -1 },
  neg: { label: 'negative', valence: -1 },
  negatif: { label: 'negative', valence: -1 },
  neutral: { label: 'neutral', valence: 0 },
  neu: { label: 'neutral', valence: 0 },
  neutre: { label: 'neutral', valence: 0 },
  positive: { label: 'positive', valence: 1 },
  pos: { label: 'positive', valence: 1 },
  positif: { label: 'positive', valence: 1 },
  mixed: { label: 'mixed', valence: 0 },
  mixte: { label: 'mixed', valence: 0 },
};

const STARS = /^([1-5]) stars?$/;
const GENERIC = /^label_(\d+)$/;
/** Generic `LABEL_k` names by label count: SST-2 (2), the common 3-way export (3), star ratings (5). */
const GENERIC_ORDER: Readonly<Record<number, readonly LabelMeaning[]>> = {
  2: [NAMED['negative'], NAMED['positive']] as LabelMeaning[],
  3: [NAMED['negative'], NAMED['neutral'], NAMED['positive']] as LabelMeaning[],
  5: [1, 2, 3, 4, 5].map(starMeaning),
};

/**
 * Maps a classifier's `id2label` (config.json) onto our labels, in label-id order.
 *
 * Rules, case- and accent-insensitive:
 * - names: `negative`/`neg`/`négatif` → negative (−1), `neutral`/`neu`/`neutre` → neutral (0),
 *   `positive`/`pos`/`positif` → positive (+1), `mixed`/`mixte` → mixed (0); a `very ` prefix
 *   keeps ±1 and then plain `negative`/`positive` weigh ±0.5 (five-way scales);
 * - stars: `1 star` … `5 stars` → valence (n − 3) / 2: 1–2 negative, 3 neutral, 4–5 positive;
 * - generic `LABEL_0` … : 2 labels = negative, positive; 3 = negative, neutral, positive;
 *   5 = one to five stars. Any other count, or any other name, is a ConfigError naming the file.
 *
 * @example mapSentimentLabels({ 0: '1 star', …, 4: '5 stars' }, 'models/sentiment/config.json')
 */
export function mapSentimentLabels(id2label: unknown, file: string): LabelMeaning[] {
  if (typeof id2label !== 'object' || id2label === null || Array.isArray(id2label)) {
    throw new ConfigError(`${file}: id2label: expected an object of label ids to names, got ${describe(id2label)}`);
  }
  const entries = Object.entries(id2label as Record<string, unknown>);
  const names: string[] = [];
  for (let id = 0; id < entries.length; id++) {
    const name = (id2label as Record<string, unknown>)[String(id)];
    if (typeof name !== 'string') throw new ConfigError(`${file}: id2label: expected ids 0..${entries.length - 1} with string names, id ${id} is ${describe(name)}`);
    names.push(foldName(name));
  }
  if (names.length < 2) throw new ConfigError(`${file}: id2label: a sentiment classifier needs at least 2 labels, got ${names.length}`);
  if (new Set(names).size !== names.length) throw new ConfigError(`${file}: id2label: duplicate label names`);
  if (names.every((name) => GENERIC.test(name))) {
    const order = GENERIC_ORDER[names.length];
    if (order === undefined) throw new ConfigError(`${file}: id2label: ${names.length} generic LABEL_k names cannot be read as sentiment (2, 3 or 5 can); name them`);
    return names.map((name) => order[Number(GENERIC.exec(name)?.[1])] as LabelMeaning);
  }
  const fiveWay = names.some((name) => name.startsWith('very '));
  return names.map((name) => {
    const stars = STARS.exec(name);
    if (stars !== null) return starMeaning(Number(stars[1]));
    const very = name.startsWith('very ');
    const named = NAMED[very ? name.slice('very '.length) : name];
    if (named === undefined) {
      throw new ConfigError(
        `${file}: id2label: cannot read label "${name}" as sentiment; use negative/neutral/positive/mixed, "1 star".."5 stars", or LABEL_0..LABEL_k`,
      );
    }
    if (named.valence === 0 || very || !fiveWay) return named;
    return { label: named.label, valence: named.valence / 2 };
  });
}

function starMeaning(stars: number): LabelMeaning {
  const valence = (stars - 3) / 2;
  return { label: valence < 0 ? 'negative' : valence > 0 ? 'positive' : 'neutral', valence };
}

function foldName(name: string): string {
  return fold(name).trim().replace(/\s+/g, ' ');
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
