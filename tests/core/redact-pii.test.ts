import { describe, expect, it } from 'vitest';
import { isValidIban, isValidNir, passesLuhn, redactPii } from '../../core/redact-pii.js';

describe('redactPii', () => {
  it.each([
    ['write to jean.dupont@example.fr please', 'write to [EMAIL] please'],
    ['appelez le 06 12 34 56 78', 'appelez le [PHONE]'],
    ['appelez le 0612345678 svp', 'appelez le [PHONE] svp'],
    ['call +33 6 12 34 56 78 today', 'call [PHONE] today'],
    ['mon IBAN FR76 3000 6000 0112 3456 7890 189 merci', 'mon IBAN [IBAN] merci'],
    ['IBAN FR7630006000011234567890189', 'IBAN [IBAN]'],
    // mod-97 fails: not an IBAN, kept.
    ['code FR7630006000011234567890188', 'code FR7630006000011234567890188'],
    ['card 4970 1012 3456 7890 used', 'card 4970 1012 3456 7890 used'],
    ['card 4111 1111 1111 1111 used', 'card [CARD] used'],
    ['card 4111-1111-1111-1111', 'card [CARD]'],
    // A 16-digit order number that fails Luhn is not a card.
    ['commande 1234567812345678', 'commande 1234567812345678'],
    ['45 minutes d\'attente, 3 appels', '45 minutes d\'attente, 3 appels'],
  ])('%s', (input, expected) => {
    expect(redactPii(input)).toBe(expected);
  });

  it('redacts only the kinds asked for', () => {
    expect(redactPii('a@b.fr 06 12 34 56 78', { kinds: ['email'] })).toBe('[EMAIL] 06 12 34 56 78');
  });

  it('checks card numbers with Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('checks IBANs in any case and spacing, and NIR keys', () => {
    expect(isValidIban('fr76.3000.6000.0112.3456.7890.189')).toBe(true);
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 18')).toBe(false);
    expect(isValidNir('185057800608491')).toBe(true);
    expect(isValidNir('185057800608492')).toBe(false);
  });
});
