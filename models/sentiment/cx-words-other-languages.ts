/**
 * Customer-service words the general-purpose nlp.js lexicons miss or mis-score
 * (accent-folded, `*` = any ending). Checked before the stemmed lexicon. Verbs of
 * things working are mildly positive so that a negation turns them into a complaint.
 */
export const CX_WORDS: Readonly<Record<'es' | 'de' | 'it' | 'nl' | 'pt', Readonly<Record<string, number>>>> = {
  es: {
    'vergonzos*': -3, nadie: -1.5, esperando: -1.5, espera: -1, 'funcion*': 1, 'pesim*': -3, 'horribl*': -3, 'fatal': -2.5, 'lent*': -1.5,
    'rapid*': 2, 'excelent*': 3, 'genial*': 2.5, 'amabl*': 2, 'comod*': 1.5, 'facil*': 1.5, 'caro': -1.5, 'cara': -1.5, 'comision*': -1, 'abusiv*': -2.5,
    'estafa*': -3, 'bloque*': -1.5, 'cierra': -1.5, 'error*': -1.5, 'nunca': -1, 'perfect*': 3, 'bien': 1.5, 'mal': -2, 'problema*': -1.5, 'enseguida': 1.5,
  },
  de: {
    'unverschamt*': -3, niemand: -1.5, 'erreichbar': 1, 'unbeantwortet*': -2, 'versteckt*': -2, 'standig': -1.5, 'crash*': -2, 'absturz*': -2, 'sturzt': -2,
    'funktioniert': 1, 'freundlich*': 2, 'kompetent*': 2, 'schnell*': 2, 'langsam*': -1.5, 'teuer*': -1.5, 'gebuhr*': -0.5, 'katastroph*': -3, 'schlecht*': -2.5,
    'super': 2.5, 'toll*': 2.5, 'gut': 1.5, 'prima': 2, 'arger*': -2, 'arglich': -2, 'enttausch*': -2.5, 'warte*': -1, 'nie': -1, 'zu hoch': -1.5, 'hilfsbereit*': 2,
  },
  it: {
    'funziona*': 1, 'impossibil*': -2, 'pessim*': -3, 'ottim*': 3, 'comod*': 1.5, 'gentil*': 2, 'scortes*': -2.5, 'lent*': -1.5, 'rapid*': 2, 'velo*': 2,
    'car*': -0.5, 'commission*': -1, 'attesa': -1, 'aspett*': -1, 'nessuno': -1.5, 'vergogn*': -3, 'truff*': -3, 'bloccat*': -1.5, 'errore': -1.5, 'perfett*': 3,
    'bene': 1.5, 'male': -2, 'problem*': -1.5, 'mai': -1, 'deluso': -2.5, 'delusa': -2.5,
  },
  nl: {
    'crash*': -2, 'steeds': -1, 'werkt': 1, 'traag': -1.5, 'snel*': 2, 'vriendelijk*': 2, 'onbeleefd*': -2.5, 'duur': -1.5, 'kosten': -0.5, 'slecht*': -2.5,
    'goed*': 1.5, 'prima': 2, 'super': 2.5, 'top': 2.5, 'niemand': -1.5, 'wachten': -1, 'nooit': -1, 'probleem': -1.5, 'fout*': -1.5, 'teleurgesteld': -2.5,
    'schandalig': -3, 'oplichter*': -3, 'handig*': 1.5, 'makkelijk*': 1.5,
  },
  pt: {
    'pessim*': -3, 'nunca': -1, 'cobra*': -1, 'taxa*': -0.5, 'pratic*': 1.5, 'bom': 1.5, 'boa': 1.5, 'otim*': 3, 'excelent*': 3, 'rapid*': 2, 'lent*': -1.5,
    'funciona': 1, 'ninguem': -1.5, 'espera': -1, 'caro': -1.5, 'cara': -1.5, 'golpe': -3, 'vergonh*': -3, 'problema*': -1.5, 'erro*': -1.5, 'atencios*': 2,
    'simpatic*': 2, 'facil': 1.5, 'horrivel': -3, 'pior': -3, 'decepcion*': -2.5,
  },
};
