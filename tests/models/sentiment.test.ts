import { describe, expect, it } from 'vitest';
import { createSentimentModel } from '../../models/sentiment/lexicon-sentiment.js';

const model = createSentimentModel();

describe('lexicon sentiment', () => {
  it.each([
    ['fr', 'Conseillère très agréable et efficace', 'positive'],
    ['fr', 'Les frais sont trop élevés', 'negative'],
    ['fr', 'Je ne suis pas satisfait du service', 'negative'],
    ['fr', 'Service pas terrible', 'negative'],
    ['fr', 'pas mal du tout', 'positive'],
    ['fr', 'Rien à redire, merci', 'positive'],
    ['fr', 'Merci pour rien', 'negative'],
    ['fr', 'RAS', 'neutral'],
    ['fr', 'Le conseiller était aimable mais les frais sont abusifs', 'mixed'],
    ['fr', 'tro nul cette appli', 'negative'],
    ['fr', 'Toujours pas reçu ma carte', 'negative'],
    ['en', 'The app is great', 'positive'],
    ['en', 'The app is not good', 'negative'],
    ['en', 'Not bad at all', 'positive'],
    ['en', 'No complaints', 'positive'],
    ['en', 'Thanks for nothing', 'negative'],
    ['en', 'Great advisor, but I waited 45 minutes on hold', 'mixed'],
    ['en', 'I opened an account in March', 'neutral'],
    ['en', 'Terrible service 😡', 'negative'],
    ['en', 'Quick and easy :)', 'positive'],
  ])('%s: %s → %s', (lang, text, expected) => {
    expect(model.analyze(text, lang).label).toBe(expected);
  });

  it('gives each clause its own score with offsets into the text', () => {
    const text = 'Great advisor, but the fees are outrageous';
    const { clauses } = model.analyze(text, 'en');
    expect(clauses.map((clause) => [clause.text, clause.label])).toEqual([
      ['Great advisor,', 'positive'],
      ['but the fees are outrageous', 'negative'],
    ]);
    for (const clause of clauses) expect(text.slice(clause.start, clause.end)).toBe(clause.text);
  });

  it('weighs what follows a contrast more', () => {
    expect(model.analyze('Un peu cher mais conseillère vraiment excellente', 'fr').score).toBeGreaterThan(0);
  });

  it('intensifiers raise and negation flips the score', () => {
    const plain = model.analyze('good', 'en').score;
    expect(model.analyze('very good', 'en').score).toBeGreaterThan(plain);
    expect(model.analyze('not good', 'en').score).toBeLessThan(0);
  });

  it('never scores a language it has no lexicon for', () => {
    expect(model.analyze('Die App ist schlecht', 'de')).toEqual({ supported: false, label: 'neutral', score: 0, clauses: [] });
  });

  it('keeps scores in −1..1', () => {
    const { score } = model.analyze('NUL NUL NUL!!! horrible, catastrophique, scandaleux, lamentable 😡😡😡', 'fr');
    expect(score).toBeGreaterThanOrEqual(-1);
    expect(score).toBeLessThan(-0.8);
  });
});
