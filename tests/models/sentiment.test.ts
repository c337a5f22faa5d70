import { describe, expect, it } from 'vitest';
import { normalizeSum } from '../../models/sentiment/combine-clauses.js';
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
    // Irony: praise marked ironic next to a complaint is the complaint again.
    ['fr', "Deux semaines sans nouvelles de mon dossier. Bravo la banque...", 'negative'],
    ['en', 'My card was charged twice and nobody answers. Lovely 🙃', 'negative'],
    ['fr', 'Très bon accueil...', 'positive'],
    // Durations: a complaint, unless they frame speed.
    ['fr', 'Virement reçu en 10 minutes', 'positive'],
    ['fr', "J'attends mon virement depuis trois semaines", 'negative'],
    ['en', 'Sorted within the hour, no fuss', 'positive'],
    // Words that only look like opinions.
    ['fr', "J'ai envoyé une lettre recommandée pour résilier", 'neutral'],
    ['fr', "Depuis cette fraude je ne peux plus vous faire confiance", 'negative'],
    ['en', 'The staff clearly had no idea what they were selling', 'negative'],
    // Complaints by facts, with no opinion word.
    ['fr', "Le site ne marche pas depuis lundi", 'negative'],
    ['fr', "J'ai envoyé trois mails, personne ne répond", 'negative'],
    ['fr', 'Deux mois pour recevoir le chéquier', 'negative'],
    ['en', 'The card reader never works', 'negative'],
    ['en', 'I called five times and nobody picked up', 'negative'],
    ['fr', 'Carte reçue en trois jours', 'neutral'],
    // "plus" alone does not negate; "ne … plus" does.
    ['fr', 'Le taux est bien plus élevé que chez les autres', 'negative'],
    ['fr', "Je ne suis plus satisfait", 'negative'],
    ['fr', 'Problème réglé en un seul appel', 'positive'],
    ['en', 'Nothing to add', 'neutral'],
    ['fr', 'Correct, sans plus', 'neutral'],
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

  // The main clause decides: a concession is granted, then outweighed ("Although X, Y" / "Y, even though X").
  it.each([
    ['en', 'Although the advisor was friendly, the fees are outrageous', -1],
    ['en', 'The fees are outrageous, although the advisor was friendly', -1],
    ['en', 'Despite the long wait, the advisor was nice', 1],
    ['en', 'The advisor was nice despite the long wait', 1],
    ['en', 'Even though the app is great, the fees are outrageous', -1],
    ['en', 'The app is slow though the staff are friendly', -1],
    ['fr', 'Même si la conseillère était aimable, les frais sont scandaleux', -1],
    ['fr', 'Les frais sont scandaleux, bien que la conseillère soit aimable', -1],
    ['fr', "Malgré une longue attente, le conseiller a été sympa", 1],
    ['fr', "Bien que l'appli soit pratique, le service est nul", -1],
  ])('concession (%s) %j → sign %i', (lang, text, sign) => {
    expect(Math.sign(model.analyze(text, lang).score)).toBe(sign);
  });

  it('a concession against a main clause of the other polarity is mixed', () => {
    expect(model.analyze('Although the advisor was friendly, the fees are outrageous', 'en').label).toBe('mixed');
    expect(model.analyze('Même si la conseillère était aimable, les frais sont scandaleux', 'fr').label).toBe('mixed');
  });

  // Each emoticon counts once: a lone ":)" scores as its table value alone would.
  it.each([
    [':)', 1.5],
    [':-)', 1.5],
    [':D', 2],
    [':-D', 2],
    [';)', 1],
    [':(', -1.5],
    [":'(", -2],
    ['⭐', 1.5],
    ['❤️', 2.5],
    ['💔', -2],
    ['😔', -1.5],
  ])('emoticon/emoji %j alone scores normalizeSum(%d)', (text, value) => {
    for (const lang of ['fr', 'en']) expect(model.analyze(text, lang).score).toBeCloseTo(normalizeSum(value), 3);
  });

  it.each([
    ['fr', 'Service ⭐⭐⭐⭐⭐', 'positive'],
    ['en', 'Five stars ⭐⭐⭐⭐⭐', 'positive'],
    ['fr', 'Appli reçue 💔', 'negative'],
    ['en', 'The new version 😔', 'negative'],
    ['en', 'Thanks :D', 'positive'],
    ['fr', 'Encore une fois :(', 'negative'],
  ])('emoji outside the old blocks (%s) %j → %s', (lang, text, label) => {
    expect(model.analyze(text, lang).label).toBe(label);
  });

  // SMS spellings and stretched words score as the words they stand for.
  it.each([
    ['fr', 'bi1 merci', 'bien merci'],
    ['fr', 'tjrs un pb avec l appli', 'toujours un probleme avec l appli'],
    ['fr', 'jamé satisfait', 'jamais satisfait'],
    ['fr', 'vrmt nul', 'vraiment nul'],
    ['fr', 'c top', "c'est top"],
    ['fr', 'ct génial', "c'était génial"],
    ['fr', 'jsuis tro déçu', 'je suis très déçu'],
    ['fr', 'chui pas content', 'je suis pas content'],
    ['fr', 'pbm de connexion tt le temps', 'problème de connexion tout le temps'],
    ['fr', 'nuuul', 'nul'],
    ['fr', 'tooop', 'top'],
    ['fr', 'géniaaal', 'génial'],
    ['en', 'thx', 'thanks'],
    ['en', 'gr8 app', 'great app'],
    ['en', 'u r the best', 'you are the best'],
    ['en', 'luv it', 'love it'],
    ['en', 'nvr again', 'never again'],
    ['en', 'plz fix it', 'please fix it'],
    ['en', 'sooo slow', 'so slow'],
    ['en', 'goood', 'good'],
    ['en', 'terrrrible', 'terrible'],
  ])('(%s) %j scores as %j', (lang, sms, plain) => {
    const expected = model.analyze(plain, lang).score;
    expect(Math.abs(expected)).toBeGreaterThan(0.2);
    expect(model.analyze(sms, lang).score).toBeCloseTo(expected, 3);
  });

  it.each([
    ['fr', "c'est nul", 'negative'],
    ['fr', 'cc', 'neutral'],
    ['en', 'zzzz', 'neutral'],
    ['en', 'I will call u back', 'neutral'],
  ])('leaves the rest alone: (%s) %j → %s', (lang, text, label) => {
    expect(model.analyze(text, lang).label).toBe(label);
  });

  // Negation scope: the negator flips the opinion word within a few words.
  it.each([
    ['fr', 'Je ne suis jamais satisfait', 'negative'],
    ['fr', 'Le conseiller ne rappelle jamais', 'negative'],
    ['fr', 'Aucun conseiller compétent', 'negative'],
    ['fr', 'Aucun problème, merci', 'positive'],
    ['fr', 'Une appli sans bug', 'positive'],
    ['fr', 'Un conseiller sans compétence', 'negative'],
    ['en', 'The staff were never helpful', 'negative'],
    ['en', 'No good', 'negative'],
    ['en', 'Never had a problem with them', 'positive'],
    ['en', "I don't like it", 'negative'],
    ['en', 'I don’t like it', 'negative'],
    ['en', "It isn't good", 'negative'],
    ['en', "They aren't helpful", 'negative'],
    ['en', "The app doesn't work", 'negative'],
    ['en', "I can't recommend them", 'negative'],
    ['en', "It's great", 'positive'],
  ])('negation (%s) %j → %s', (lang, text, label) => {
    expect(model.analyze(text, lang).label).toBe(label);
  });

  // Equal and opposite clauses: only the contrast weighting decides the sign.
  it.each([
    ['fr', 'Bien, cependant lent', -1],
    ['fr', 'Lent, cependant bien', 1],
    ['fr', 'Bien mais lent', -1],
    ['en', 'Nice, however slow', -1],
    ['en', 'Slow, however nice', 1],
    ['en', 'Nice but slow', -1],
  ])('contrast (%s) %j → sign %i', (lang, text, sign) => {
    expect(Math.sign(model.analyze(text, lang).score)).toBe(sign);
  });

  // [lang, weaker or equal, stronger]: diminishers lower, "!" and shouting (a word of 4+ capitals) raise.
  it.each([
    ['fr', 'un peu lent', 'lent'],
    ['fr', 'plutôt bien', 'bien'],
    ['en', 'slightly slow', 'slow'],
    ['en', 'somewhat helpful', 'helpful'],
    ['en', 'a bit slow', 'slow'],
    ['en', 'good', 'good!'],
    ['fr', 'nul', 'nul !'],
    ['en', 'great service', 'GREAT service'],
    ['fr', 'service nul', 'SERVICE NUL'],
  ])('(%s) |%j| < |%j|', (lang, weaker, stronger) => {
    expect(Math.abs(model.analyze(weaker, lang).score)).toBeLessThan(Math.abs(model.analyze(stronger, lang).score));
  });

  it.each([
    ['en', 'OK', 'ok'],
    ['fr', 'NUL', 'nul'],
  ])('capitals under 4 letters are no shouting: (%s) %j scores as %j', (lang, caps, plain) => {
    expect(model.analyze(caps, lang).score).toBe(model.analyze(plain, lang).score);
  });

  it.each([
    ['Rien à dire', 'positive'],
    ['rien a dire, parfait', 'positive'],
    ['Rien à dire de particulier', 'neutral'],
    ['Rien à redire', 'positive'],
  ])('idiom %j → %s', (text, label) => {
    expect(model.analyze(text, 'fr').label).toBe(label);
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

describe('other languages (nlp.js lexicons)', () => {
  it.each([
    ['es', 'La aplicación es excelente y muy útil', 'positive'],
    ['es', 'Un servicio horrible, no lo recomiendo', 'negative'],
    ['de', 'Sehr freundliche und kompetente Beratung', 'positive'],
    ['it', 'Servizio pessimo e personale scortese', 'negative'],
    ['pt', 'Atendimento ótimo, muito bom', 'positive'],
    // Negated "works" verbs are complaints in every language.
    ['it', 'Il bancomat non funziona da una settimana', 'negative'],
    ['de', 'Die Hotline ist nie erreichbar', 'negative'],
    ['nl', 'De website werkt niet', 'negative'],
  ])('%s: %s → %s', async (lang, text, expected) => {
    const { MultilingualSentimentModel } = await import('../../models/sentiment/multilingual-sentiment.js');
    const { StemmedLexiconSentimentModel } = await import('../../models/sentiment/stemmed-lexicon-sentiment.js');
    const multilingual = new MultilingualSentimentModel([model, new StemmedLexiconSentimentModel()]);
    const analysis = multilingual.analyze(text, lang);
    expect(analysis.supported).toBe(true);
    expect(analysis.label).toBe(expected);
  });

  it('still refuses a language nobody scores', async () => {
    const { MultilingualSentimentModel } = await import('../../models/sentiment/multilingual-sentiment.js');
    expect(new MultilingualSentimentModel([model]).analyze('Dit is geweldig', 'sv').supported).toBe(false);
  });
});
