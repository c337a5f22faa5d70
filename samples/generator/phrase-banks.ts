import type { JourneyStep } from '../../core/vocabulary.js';

export type Polarity = 'positive' | 'negative';
export type SampleLang = 'fr' | 'en';

/** What customers say about each theme, by polarity and language: the generator's ground truth. */
export const THEME_PHRASES: Readonly<Record<string, Readonly<Record<Polarity, Readonly<Record<SampleLang, readonly string[]>>>>>> = {
  fees_pricing: {
    negative: {
      fr: ['les frais de tenue de compte ont encore augmenté', 'des frais cachés partout', 'le taux est beaucoup trop élevé', 'on m\'a prélevé des frais de dossier sans prévenir', 'les agios sont abusifs', 'tarifs exorbitants pour une carte basique'],
      en: ['the fees keep going up', 'hidden charges everywhere', 'the interest rate is far too high', 'I was charged a fee nobody told me about', 'overpriced for a basic card'],
    },
    positive: {
      fr: ['les frais sont raisonnables', 'un taux très intéressant', 'carte gratuite, rien à redire sur les tarifs'],
      en: ['the fees are reasonable', 'a really good interest rate', 'no annual fee, great value'],
    },
  },
  advisor_quality: {
    negative: {
      fr: ['le conseiller était désagréable', 'conseillère incompétente qui ne connaissait pas son dossier', 'accueil froid et méprisant en agence', 'un conseiller qui ne m\'écoute pas'],
      en: ['the advisor was rude', 'the agent had no idea what he was doing', 'staff were dismissive at the branch', 'my adviser never listens'],
    },
    positive: {
      fr: ['ma conseillère est très à l\'écoute', 'un conseiller compétent et patient', 'accueil chaleureux en agence', 'conseiller très professionnel qui a tout expliqué', 'super conseillère, toujours disponible'],
      en: ['my advisor was very helpful', 'a friendly and knowledgeable agent', 'the staff at the branch were lovely', 'the adviser was patient and professional'],
    },
  },
  reachability_wait: {
    negative: {
      fr: ['45 minutes d\'attente au téléphone', 'impossible de joindre quelqu\'un', 'on m\'a promis un rappel qui n\'est jamais venu', 'personne ne répond aux mails', 'coupé après une demi-heure d\'attente'],
      en: ['waited 40 minutes on hold', 'impossible to reach anyone', 'they promised a callback that never came', 'emails go unanswered', 'hung up on after half an hour'],
    },
    positive: {
      fr: ['on décroche tout de suite', 'rappelé dans l\'heure comme promis'],
      en: ['they picked up straight away', 'called back within the hour as promised'],
    },
  },
  processing_speed: {
    negative: {
      fr: ['trois semaines pour débloquer les fonds', 'toujours pas reçu ma carte après un mois', 'le virement a mis cinq jours', 'traitement du dossier d\'une lenteur incroyable'],
      en: ['three weeks to release the funds', 'still no card after a month', 'the transfer took five days', 'painfully slow processing of my file'],
    },
    positive: {
      fr: ['fonds versés en 48h', 'dossier traité très rapidement', 'carte reçue en trois jours', 'réponse de principe immédiate'],
      en: ['money in my account within 48 hours', 'my application was processed really fast', 'card arrived in three days', 'instant decision'],
    },
  },
  digital_app: {
    negative: {
      fr: ['l\'appli plante sans arrêt', 'impossible de me connecter à l\'espace client', 'depuis la mise à jour l\'application bug', 'le site est lent et mal fichu'],
      en: ['the app keeps crashing', 'cannot log in to the website', 'since the last update the app is full of bugs', 'the online portal is slow and clunky'],
    },
    positive: {
      fr: ['l\'application est simple et pratique', 'appli très intuitive', 'tout se fait en ligne, c\'est top'],
      en: ['the app is easy to use', 'a really intuitive app', 'everything can be done online, great'],
    },
  },
  paperwork_process: {
    negative: {
      fr: ['on m\'a demandé trois fois les mêmes justificatifs', 'procédure compliquée et fastidieuse', 'trop de papiers à fournir'],
      en: ['they asked for the same documents three times', 'a complicated and tedious procedure', 'far too much paperwork'],
    },
    positive: {
      fr: ['signature électronique simple et rapide', 'démarches très simples', 'peu de documents à fournir'],
      en: ['simple e-signature', 'the steps were straightforward', 'hardly any paperwork'],
    },
  },
  information_clarity: {
    negative: {
      fr: ['les conditions du contrat ne sont pas claires', 'on ne m\'a jamais expliqué ces conditions', 'courrier incompréhensible'],
      en: ['the contract terms are unclear', 'nobody explained the conditions', 'the letter was impossible to understand'],
    },
    positive: {
      fr: ['explications claires sur le contrat', 'tout était transparent'],
      en: ['clear explanations of the contract', 'everything was transparent'],
    },
  },
  trust_security: {
    negative: {
      fr: ['ma carte a été bloquée sans raison', 'fraude sur mon compte et aucune aide', 'je n\'ai plus confiance'],
      en: ['my card was blocked for no reason', 'fraud on my account and no help', 'I no longer trust them'],
    },
    positive: {
      fr: ['ils ont détecté la fraude tout de suite', 'je me sens en sécurité'],
      en: ['they caught the fraud immediately', 'I feel my money is safe'],
    },
  },
  product_offer: {
    negative: {
      fr: ['le plafond de la carte est trop bas', 'l\'assurance ne couvre presque rien'],
      en: ['the card limit is too low', 'the insurance covers almost nothing'],
    },
    positive: {
      fr: ['le crédit correspond exactement à mon besoin', 'le programme de fidélité est intéressant'],
      en: ['the loan was exactly what I needed', 'the rewards programme is good'],
    },
  },
  collections_reminders: {
    negative: {
      fr: ['relances agressives pour un retard de deux jours', 'harcelé au téléphone par le recouvrement'],
      en: ['aggressive reminders for a two-day delay', 'harassed by debt collectors'],
    },
    positive: {
      fr: ['on m\'a accordé une pause de remboursement sans difficulté', 'échéancier adapté à ma situation'],
      en: ['they gave me a payment holiday without fuss', 'a repayment plan that fits my situation'],
    },
  },
  complaint_handling: {
    negative: {
      fr: ['ma réclamation est restée sans réponse', 'aucun geste commercial malgré leur erreur'],
      en: ['my complaint was never answered', 'no compensation despite their mistake'],
    },
    positive: {
      fr: ['réclamation traitée rapidement avec un geste commercial', 'litige résolu en une semaine'],
      en: ['my complaint was resolved quickly with a refund', 'dispute settled within a week'],
    },
  },
  account_closure: {
    negative: {
      fr: ['impossible de clôturer mon compte', 'la résiliation a pris deux mois'],
      en: ['impossible to close my account', 'cancelling took two months'],
    },
    positive: {
      fr: ['clôture du compte simple et rapide'],
      en: ['closing my account was easy'],
    },
  },
};

/** The step each theme mostly happens at. */
export const THEME_STEP: Readonly<Record<string, JourneyStep>> = {
  fees_pricing: 'billing_statements',
  advisor_quality: 'support_contact',
  reachability_wait: 'support_contact',
  processing_speed: 'onboarding',
  digital_app: 'everyday_use',
  paperwork_process: 'application',
  information_clarity: 'application',
  trust_security: 'everyday_use',
  product_offer: 'discovery',
  collections_reminders: 'repayment_collections',
  complaint_handling: 'complaint',
  account_closure: 'closure',
};

export const CONNECTORS: Readonly<Record<SampleLang, Readonly<Record<'same' | 'contrast', readonly string[]>>>> = {
  fr: { same: ['. ', ', et ', '. En plus ', '. Et '], contrast: [' mais ', '. Par contre ', ', cependant ', '. Pourtant '] },
  en: { same: ['. ', ', and ', '. Also ', '. On top of that '], contrast: [' but ', '. However ', ', although ', '. Still, '] },
};

export const CLOSERS: Readonly<Record<SampleLang, Readonly<Record<Polarity, readonly string[]>>>> = {
  fr: { positive: ['Merci !', 'Je recommande.', 'Bravo à l\'équipe.', '👍', 'Très satisfait.'], negative: ['Inadmissible.', 'Je vais changer de banque.', 'Très déçu.', '😡', 'Lamentable.'] },
  en: { positive: ['Thanks!', 'Would recommend.', 'Well done.', '👍', 'Very happy.'], negative: ['Unacceptable.', 'Thinking of switching banks.', 'Very disappointed.', '😡', 'Awful.'] },
};

/** A few reviews in other languages, so language detection has real work. */
export const OTHER_LANGUAGE_REVIEWS: readonly { readonly lang: string; readonly text: string; readonly rating: number }[] = [
  { lang: 'es', text: 'La aplicación funciona muy bien y es fácil de usar.', rating: 5 },
  { lang: 'es', text: 'Comisiones altísimas y nadie contesta el teléfono.', rating: 1 },
  { lang: 'de', text: 'Die App stürzt ständig ab, sehr ärgerlich.', rating: 1 },
  { lang: 'de', text: 'Schnelle Bearbeitung und freundliche Beratung.', rating: 5 },
  { lang: 'it', text: 'Servizio clienti gentile ma tempi di attesa lunghi.', rating: 3 },
  { lang: 'it', text: 'Ottima app, tutto funziona alla perfezione.', rating: 5 },
];

/** Employee comments per journey step, by polarity (for eNPS and the moment matrix). */
export const EMPLOYEE_PHRASES: Readonly<Record<Polarity, Readonly<Record<SampleLang, readonly string[]>>>> = {
  positive: {
    fr: ['les outils pour instruire les dossiers sont efficaces', 'l\'équipe s\'entraide beaucoup', 'on a le temps de bien conseiller les clients', 'la formation sur le nouveau produit était utile'],
    en: ['our tools for processing files work well', 'the team really helps each other', 'we have time to advise customers properly', 'the training on the new product was useful'],
  },
  negative: {
    fr: ['le logiciel interne plante tout le temps', 'trop d\'appels, impossible de rappeler les clients', 'les procédures changent sans arrêt', 'objectifs commerciaux intenables'],
    en: ['the internal software crashes all the time', 'too many calls, no time to call customers back', 'procedures change constantly', 'sales targets are impossible'],
  },
};
