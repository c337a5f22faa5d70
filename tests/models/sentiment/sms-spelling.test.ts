import { describe, expect, it } from 'vitest';
import { normalizeSpelling, SMS_SPELLINGS } from '../../../models/sentiment/sms-spelling.js';

const known = (word: string): boolean => ['nul', 'top', 'good', 'so'].includes(word);

describe('SMS spellings by one pattern of the table’s words', () => {
  it.each([
    ['fr', 'c tro nuuul', 'c est tro nul'],
    ['fr', "pb de carte, c'est pbm tjrs pas reglé pbs", "probleme de carte, c'est probleme toujours pas reglé problemes"],
    ['fr', 'mr6 bi1 recu, c-a-d ok', 'merci bien recu, c est-a-d ok'],
    ['fr', 'pbx pbmm xpb 2pb pb2 pb', 'pbx pbmm xpb 2pb pb2 probleme'],
    ['en', 'thx u r gr8, sooo goood', 'thanks you are great, so good'],
    ['en', "u'r ur b4 :'( idk", "u'r your before :'( i don t know"],
  ] as const)('%s: %s', (lang, text, expected) => {
    const table = SMS_SPELLINGS[lang];
    expect(normalizeSpelling(text, table, known)).toBe(expected);
    // The general path (a key no whole-word pattern can hold) gives the same text.
    expect(normalizeSpelling(text, { ...table, 'a-b': 'x' }, known)).toBe(expected);
  });
});
