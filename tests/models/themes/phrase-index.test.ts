import { describe, expect, it } from 'vitest';
import { fold } from '../../../core/text-folding.js';
import { compilePhrase, PhraseIndex, phraseMatches, phraseView } from '../../../models/themes/phrases.js';
import { tokenize } from '../../../models/tokenize.js';

// Phrases as the rule tagger compiles them: plain words, a prefix first word, a prefix later, a regular expression (e-mail).
const PHRASES = ['temps d attente', 'ne repond pas', 'ne repond jamais', 'hors de prix', 'frai* de dossier', 'pas de frais', 'mise a jour*', 'e-mail sans reponse', 'attente', 'de'];
const compiled = PHRASES.map((phrase, index) => compilePhrase(phrase, index % 4));
const index = new PhraseIndex(compiled);

/** The rule tagger's old way: every phrase tested on the clause, in taxonomy order. */
function eachPhrase(clause: string): number[] {
  const view = viewOf(clause);
  const themes = new Set<number>();
  for (const phrase of compiled) if (phraseMatches(phrase, view)) themes.add(phrase.theme);
  return [...themes];
}

function viewOf(clause: string): ReturnType<typeof phraseView> {
  const folded = ` ${fold(clause).replace(/['’]/g, ' ')} `;
  return phraseView(folded, tokenize(folded));
}

describe('phrases indexed by first word', () => {
  it.each([
    "Temps d'attente énorme, on ne répond pas",
    'Hors de prix et frais de dossier',
    'fraiss de dossier',
    'pas de frais, mise a jours ratée',
    'Mon e-mail sans réponse',
    'ne  repond   pas',
    'ne, repond pas',
    'de de de attente',
    'rien à voir',
    '',
    'ne repond jamais ne repond pas :d hors de prix',
  ])('finds the same themes in the same order as testing each phrase: %s', (clause) => {
    const found = new Set(index.themesFound(viewOf(clause)));
    expect([...found]).toEqual(eachPhrase(clause));
  });

  it('finds a phrase at the end of the clause and none across punctuation', () => {
    expect(index.themesFound(viewOf('trop cher, hors de prix'))).toContain(3);
    expect(index.themesFound(viewOf('hors. de prix'))).not.toContain(3);
  });
});
