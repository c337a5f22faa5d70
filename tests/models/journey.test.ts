import { describe, expect, it } from 'vitest';
import { createJourneyLinker } from '../../models/journey/journey-linker.js';
import type { ThemeMention } from '../../core/verbatim.js';

const linker = createJourneyLinker();
const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: '' });

describe('journey linker', () => {
  it.each([
    ['anything', 'closure', [], 'closure'],
    ['anything', 'Souscription', [], 'application'],
    ['Ma réclamation est restée sans réponse', null, [], 'complaint'],
    ['Le relevé mensuel est illisible', null, [], 'billing_statements'],
    ['I want to close my account', null, [], 'closure'],
    ['Trop cher', null, [mention('fees_pricing')], 'billing_statements'],
    ['Carte reçue trois semaines après la signature', null, [], 'onboarding'],
    ['Je viens d\'ouvrir mon compte', null, [], 'onboarding'],
    ['Is it possible to renegotiate the rate later?', null, [], 'discovery'],
    ['Je veux rembourser mon prêt par anticipation, quelles pénalités ?', null, [], 'closure'],
    ['Ma carte a été avalée par le distributeur et personne ne répond au téléphone', null, [], 'everyday_use'],
    ['They keep calling me about a debt that is not mine', null, [], 'repayment_collections'],
    ['Bien', null, [], null],
    ['Bien', 'not-a-step', [], null],
  ] as const)('%s (hint %s) → %s', (text, hint, themes, expected) => {
    expect(linker.link({ text, lang: 'fr', themes, hint, source: 's' })).toBe(expected);
  });
});
