import { describe, expect, it } from 'vitest';
import { mapSentimentLabels } from '../../../models/transformer/label-mapping.js';
import { ConfigError } from '../../../core/errors.js';

const FILE = 'models/sentiment/config.json';
const id2label = (names: readonly string[]): Record<string, string> => Object.fromEntries(names.map((name, id) => [String(id), name]));

describe('mapSentimentLabels', () => {
  it.each([
    [['negative', 'neutral', 'positive'], ['negative:-1', 'neutral:0', 'positive:1']],
    [['NEG', 'NEU', 'POS'], ['negative:-1', 'neutral:0', 'positive:1']],
    [['positive', 'negative'], ['positive:1', 'negative:-1']],
    [['Négatif', 'Neutre', 'Positif'], ['negative:-1', 'neutral:0', 'positive:1']],
    [['negative', 'neutral', 'positive', 'mixed'], ['negative:-1', 'neutral:0', 'positive:1', 'mixed:0']],
    [['1 star', '2 stars', '3 stars', '4 stars', '5 stars'], ['negative:-1', 'negative:-0.5', 'neutral:0', 'positive:0.5', 'positive:1']],
    [['very negative', 'negative', 'neutral', 'positive', 'very positive'], ['negative:-1', 'negative:-0.5', 'neutral:0', 'positive:0.5', 'positive:1']],
    [['LABEL_0', 'LABEL_1'], ['negative:-1', 'positive:1']],
    [['LABEL_0', 'LABEL_1', 'LABEL_2'], ['negative:-1', 'neutral:0', 'positive:1']],
    [['LABEL_0', 'LABEL_1', 'LABEL_2', 'LABEL_3', 'LABEL_4'], ['negative:-1', 'negative:-0.5', 'neutral:0', 'positive:0.5', 'positive:1']],
  ])('%j → %j', (names, expected) => {
    expect(mapSentimentLabels(id2label(names), FILE).map((meaning) => `${meaning.label}:${meaning.valence}`)).toEqual(expected);
  });

  it.each([
    [{ 0: 'joy', 1: 'anger' }, 'cannot read label "joy"'],
    [id2label(['LABEL_0', 'LABEL_1', 'LABEL_2', 'LABEL_3']), '4 generic LABEL_k names'],
    [{ 0: 'positive' }, 'at least 2 labels'],
    [{ 0: 'positive', 2: 'negative' }, 'id 1 is undefined'],
    [['negative', 'positive'], 'expected an object'],
    [undefined, 'expected an object'],
    [{ 0: 'Positive', 1: 'positive' }, 'duplicate label names'],
  ])('rejects %j naming the file', (value, message) => {
    expect(() => mapSentimentLabels(value, FILE)).toThrow(ConfigError);
    expect(() => mapSentimentLabels(value, FILE)).toThrow(`${FILE}: id2label: `);
    expect(() => mapSentimentLabels(value, FILE)).toThrow(message);
  });
});
