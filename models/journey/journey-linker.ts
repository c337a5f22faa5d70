import type { ThemeMention } from '../../core/verbatim.js';
import { isJourneyStep, type JourneyStep } from '../../core/vocabulary.js';
import { fold } from '../../core/text-folding.js';
import type { JourneyInput, JourneyLinker } from '../types.js';

/** Words survey tools use for journey steps, folded, mapped to our ids. */
const HINT_ALIASES: Readonly<Record<string, JourneyStep>> = {
  decouverte: 'discovery', information: 'discovery', prospect: 'discovery',
  souscription: 'application', demande: 'application', subscription: 'application', apply: 'application', 'demande de credit': 'application',
  ouverture: 'onboarding', 'ouverture de compte': 'onboarding', bienvenue: 'onboarding', welcome: 'onboarding', activation: 'onboarding',
  usage: 'everyday_use', utilisation: 'everyday_use', app: 'everyday_use', quotidien: 'everyday_use', 'daily use': 'everyday_use',
  releve: 'billing_statements', releves: 'billing_statements', facturation: 'billing_statements', statement: 'billing_statements', billing: 'billing_statements',
  contact: 'support_contact', 'service client': 'support_contact', support: 'support_contact', 'customer service': 'support_contact',
  reclamation: 'complaint', plainte: 'complaint', complaints: 'complaint',
  remboursement: 'repayment_collections', recouvrement: 'repayment_collections', repayment: 'repayment_collections', collections: 'repayment_collections',
  cloture: 'closure', resiliation: 'closure', fermeture: 'closure', cancellation: 'closure', closing: 'closure',
};

/** Themes that point at one step when the text says nothing more specific. */
const THEME_STEPS: Readonly<Record<string, JourneyStep>> = {
  complaint_handling: 'complaint',
  collections_reminders: 'repayment_collections',
  account_closure: 'closure',
  digital_app: 'everyday_use',
  processing_speed: 'onboarding',
  reachability_wait: 'support_contact',
  advisor_quality: 'support_contact',
  paperwork_process: 'application',
  fees_pricing: 'billing_statements',
  product_offer: 'everyday_use',
  trust_security: 'everyday_use',
};

/** Text cues (folded regexes), strongest first. */
const TEXT_RULES: readonly (readonly [RegExp, JourneyStep])[] = [
  [/\b(reclamation|plainte|litige|mediateur|complaint|ombudsman|dispute)/, 'complaint'],
  // Closing cues first: "rembourser par anticipation" is the end of a loan, not a repayment difficulty.
  [/\b(clotur|resili|fermer mon compte|fermeture|close my account|cancel|switch(ing)? bank|remboursement anticipe|rembourser (mon \w+ )?par anticipation|solder mon|je pars\b|early repayment|paid off|pay off my loan|settle my loan)/, 'closure'],
  [/\b(recouvrement|impaye|huissier|relances? de paiement|retard de paiement|retard de \d+|mise en demeure|harcel|mensualit|echeance|rembourse|report d|pause|dette|collector|collections?\b|hardship|arrears|repay|installment|missed payment|default notice|payment holiday|payment date|monthly payment|froze my payments|harass|debt)/, 'repayment_collections'],
  [/\b(fonds (verses|debloques|recus)|versement des fonds|deblocage|ouverture|ouvert mon compte|viens d ouvrir|activ|carte (recue|arrivee)|recu (ma|la) carte|recevoir (ma|la) carte|reception de (la|ma) carte|premiere carte|lors de la signature|a la signature|ajoutee? a mon (contrat|pret|credit)|welcome|opened my account|just opened|onboarding|card arrived|received my card|get my card|at signing|added to my (loan|contract)|funds (arrived|released|were released|in my account)|money (arrived|was in my account|in my account))/, 'onboarding'],
  [/\b(releve|facture|prelev|statement|bill(ing)?|charged|debited)/, 'billing_statements'],
  [/\b(souscri|demande de (credit|pret)|dossier|signer|accord de|simulation|taux propose|m a vendu|apply|applied|application for|approval|approved|sold me|rate offered|quote)/, 'application'],
  [/\b(publicite|decouvert la banque|comparateur|recommande par|par rapport a ma banque|je voudrais savoir|renegoci|advert|found you|heard about|compared (to|with) my|would like to know|renegotiat|comparing|shortlist|presente (plusieurs|les|des|differentes) (offres|solutions)|plusieurs offres)/, 'discovery'],
  // Incidents with the card or the app during use, even when the customer then tried to call.
  [/\b(carte (bloquee|avalee|refusee|capturee)|distributeur|dab\b|paiement refuse|card (blocked|declined|swallowed|refused)|atm\b|checkout|cash machine)/, 'everyday_use'],
  [/\b(pret (auto|personnel|immobilier|travaux)|credit (auto|conso|immobilier)|montant accorde|accepte|accorde|assurance emprunteur|car loan|personal loan|mortgage|loan offer)/, 'application'],
  [/\b(telephone|appel|joindre|conseill|agence|service client|hotline|call(ed)?|phone|branch|customer service|advisor)/, 'support_contact'],
  [/\b(appli|application|site|connexion|virement|paiement|carte|app|login|transfer|payment|card)/, 'everyday_use'],
];

/** Both apostrophes (one shared expression: a literal is a new object each call). */
const APOSTROPHES = /['’]/g;

/**
 * Journey step of a verbatim: the survey's own field when it names a step (id or a
 * known alias), else text cues, else the step its themes point at, else null.
 */
export class RuleJourneyLinker implements JourneyLinker {
  readonly version = 'journey-rules-0.1';

  link(input: JourneyInput): JourneyStep | null {
    const fromHint = stepOfHint(input.hint);
    if (fromHint !== null) return fromHint;
    if (input.text.trim() === '') return null;
    const folded = fold(input.text).replace(APOSTROPHES, ' ');
    for (const [pattern, step] of TEXT_RULES) if (pattern.test(folded)) return step;
    return stepOfThemes(input.themes);
  }
}

export function createJourneyLinker(): JourneyLinker {
  return new RuleJourneyLinker();
}

/** A valid step id, or a known alias of one; anything else is ignored. */
export function stepOfHint(hint: string | null): JourneyStep | null {
  if (hint === null) return null;
  const trimmed = hint.trim();
  if (isJourneyStep(trimmed)) return trimmed;
  return HINT_ALIASES[fold(trimmed).replace(/[_-]/g, ' ')] ?? null;
}

function stepOfThemes(themes: readonly ThemeMention[]): JourneyStep | null {
  for (const mention of themes) {
    const step = THEME_STEPS[mention.theme];
    if (step !== undefined) return step;
  }
  return null;
}
