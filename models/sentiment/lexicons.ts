/**
 * FR/EN sentiment lexicons for customer-service comments, accent-folded and
 * lower-cased. Values in −3..3. Entries ending in `*` match any word with that
 * prefix (inflections: "déçu", "déçue", "déçus"). Domain facts count: waiting,
 * being cut off or charged twice is negative even without an opinion word.
 */
export const LEXICON: Readonly<Record<'fr' | 'en', Readonly<Record<string, number>>>> = {
  fr: {
    bien: 1.5, bon: 1.5, bonne: 1.5, tres: 0, super: 2.5, parfait: 3, parfaite: 3, parfaitement: 2.5, excellent: 3, excellente: 3,
    genial: 3, geniale: 3, top: 2.5, nickel: 2.5, impeccable: 3, efficace: 2, efficaces: 2, rapide: 1.5, rapides: 1.5, rapidement: 1.5,
    'agreabl*': 2, sympa: 2, sympathique: 2, aimable: 2, 'courtois*': 2, 'professionnel*': 2, 'compet*': 1.5, 'reactiv*': 2, reactif: 2,
    'satisf*': 2, merci: 1, bravo: 2.5, 'recommand*': 2, 'ravi*': 2.5, content: 2, contente: 2, 'clair*': 1, simple: 1.5, facile: 1.5,
    'pratique*': 1.5, 'patien*': 1.5, 'ecoute*': 1.5, 'attentif*': 1.5, 'disponibl*': 1.5, 'fluide*': 1.5, 'intuiti*': 1.5, 'serieux': 1.5,
    'fiabl*': 1.5, 'gentil*': 2, 'chaleureu*': 2, 'excellen*': 3, 'formidable*': 3, 'merveill*': 3, 'adore*': 2.5, 'aime': 2, 'aimé': 2,
    'mal': -2, mauvais: -2.5, mauvaise: -2.5, nul: -3, nulle: -3, 'nuls': -3, 'decu*': -2.5, 'decev*': -2.5, 'deplorabl*': -3, 'lamentabl*': -3,
    'inadmissibl*': -3, 'inacceptabl*': -3, 'scandal*': -3, 'honte*': -3, 'honteu*': -3, 'catastroph*': -3, 'horribl*': -3, 'pire': -3,
    'lent': -1.5, lente: -1.5, lents: -1.5, lenteur: -2, 'lenteurs': -2, 'cher': -1.5, chere: -1.5, chers: -1.5, 'exorbitant*': -2.5,
    'abusi*': -2.5, 'complique*': -1.5, 'compliqu*': -1.5, 'complexe*': -1, 'difficile*': -1.5, 'impossibl*': -2, 'incompetent*': -3,
    'desagreabl*': -2.5, 'impoli*': -2.5, 'meprisant*': -3, 'aucune': -0.5, 'bug*': -2, 'plant*': -1.5, 'bloque*': -1.5, 'attente': -1,
    'attendre': -1, 'attendu': -1, 'coupe': -1.5, 'relance*': -1, 'probleme*': -1.5, 'souci*': -1.5, 'erreur*': -1.5, 'retard*': -1.5,
    'arnaque*': -3, 'vol': -2, 'voleur*': -3, 'fuir': -2, 'fuyez': -3, 'galere*': -2, 'penible*': -2, 'agace*': -2, 'enerv*': -2,
    'insupportabl*': -3, 'inutile*': -2, 'opaque*': -1.5, 'cache*': -1, 'mecontent*': -2.5, 'frustr*': -2, 'colere': -2.5, 'dommage': -1,
    'injoignabl*': -2.5, 'harcel*': -3, 'agressi*': -2.5, 'oubli*': -1, 'perdu*': -1, 'inquiet*': -1.5, 'fraude*': -1.5, 'rate': -1.5,
    'plainte*': -1, 'reclamation*': -0.5, 'rembours*': 0, 'bof': -0.4, 'moyen': -0.5, 'moyenne': -0.5, 'correct': 0.5, 'correcte': 0.5,
    'ok': 0.4, 'rien': 0, 'toujours': 0, 'jamais': 0, 'interessant*': 1.5, confiance: 1.5, 'serieuse': 1.5, 'pedagog*': 2,
    'humain*': 1.5, 'comprehensi*': 1.5, 'rassur*': 2, adorable: 2.5, 'flou*': -1.5, 'echou*': -1.5, 'illisibl*': -2, 'long': -1, 'longue': -1,
    'inquietant*': -2, 'regret*': -1.5, 'utile*': 1.5, 'reussi*': 1.5, 'soulag*': 2, 'inutilisable*': -2.5, 'moche': -1.5, 'augment*': -1, 'excessif*': -2, 'eleve*': -1.5, 'hausse*': -1, 'trop': 0, 'merde': -3, 'pourri*': -3,
    'avantageu*': 2, 'bluffant*': 2.5, 'appreciabl*': 2, 'raisonnabl*': 1.5, 'resolu': 1.5, 'resolue': 1.5, 'precieu*': 2, 'remarquabl*': 2.5,
    'irreprochabl*': 3, 'exemplaire*': 2.5, pro: 1.5, 'menti': -2.5, 'mentir': -2.5, 'ment': -2, 'blague': -2, 'panne*': -2, 'arretez': -2,
    'pique*': -1.5, 'jargon': -1.5, 'minimal*': -1, 'inferieur*': -1, 'piege*': -2.5, longs: -1, longues: -1, 'bloquer': 0, 'debloquer': 0,
    'deplorable*': -3, 'lamentable*': -3, 'aberrant*': -2.5, 'ridicule*': -2.5, 'absurde*': -2.5, 'incomprehensibl*': -2, 'mensonge*': -2.5,
  },
  en: {
    good: 1.5, great: 2.5, excellent: 3, perfect: 3, amazing: 3, awesome: 3, fantastic: 3, wonderful: 3, brilliant: 3, superb: 3,
    nice: 1.5, fine: 0.5, 'easy': 1.5, 'simple': 1, fast: 1.5, quick: 1.5, quickly: 1.5, smooth: 1.5, 'helpful': 2, friendly: 2, kind: 2,
    polite: 1.5, 'professional*': 2, efficient: 2, 'clear*': 1, love: 2.5, loved: 2.5, like: 1, 'recommend*': 2, thanks: 1, thank: 1,
    happy: 2, pleased: 2, 'satisf*': 2, reliable: 1.5, patient: 1.5, 'responsive': 1.5, best: 2.5, seamless: 2, intuitive: 1.5,
    bad: -2.5, poor: -2, terrible: -3, awful: -3, horrible: -3, worst: -3, useless: -2.5, 'disappoint*': -2.5, 'frustrat*': -2,
    slow: -1.5, 'expensive': -1.5, 'overpriced': -2, 'rude': -2.5, 'incompetent': -3, 'unacceptable': -3, 'ridiculous': -2.5,
    'scam*': -3, 'rip*': -1, 'crash*': -2, 'bug*': -2, 'glitch*': -2, 'broken': -2, 'wait*': -1, 'waited': -1.5, 'hold': -0.5,
    'complicated': -1.5, 'confusing': -1.5, 'difficult': -1.5, 'impossible': -2, 'problem*': -1.5, 'issue*': -1, 'error*': -1.5,
    'delay*': -1.5, 'late': -1, 'hidden': -1.5, 'annoy*': -2, 'angry': -2.5, 'upset': -2, 'hate': -3, 'avoid': -2, 'nightmare': -3,
    'joke': -2, 'pathetic': -3, 'shame*': -2.5, 'disgrac*': -3, 'unhelpful': -2.5, 'ignored': -2, 'lost': -1, 'fraud*': -1.5,
    'blocked': -1.5, 'charged': -0.5, 'fee*': -0.5, 'unreachable': -2.5, 'mess': -2, 'sucks': -3, 'meh': -1, 'okay': 0.4, 'ok': 0.4,
    'decent': 1, 'alright': 0.5, handy: 1.5, painless: 2, clean: 1, approved: 1, useful: 1.5, reassuring: 2, 'trustworthy': 2, 'understanding': 1.5,
    'unusable': -2.5, 'fails': -1.5, 'failed': -1.5, 'failing': -1.5, 'long': -0.5, 'stressful': -2, 'worried': -1.5, 'misleading': -2, 'unclear': -1.5, 'mediocre': -1.5, 'lousy': -2.5, 'unfair': -2, 'outrageous': -3, 'harass*': -3,
    'flawless*': 3, 'transparent': 1.5, 'properly': 1, 'sorted': 1.5, 'shoutout': 2, 'appreciate*': 2, 'lovely': 2.5, 'pointless': -2.5,
    'jargon': -1.5, 'condescending': -2.5, 'trap': -2.5, 'dropped': -1.5, 'broke': -2, 'absurd': -2.5, 'clearly': 0, 'lied': -2.5, 'lying': -2.5,
    'outage*': -2, 'down': -0.5, 'clueless': -2.5, 'patronising': -2.5, 'patronizing': -2.5, 'impressed': 2, 'impressive': 2, 'spot': 0,
  },
};

/** Multi-word idioms whose meaning is not the sum of their words; matched before single words. */
export const IDIOMS: Readonly<Record<'fr' | 'en', Readonly<Record<string, number>>>> = {
  fr: {
    'pas mal': 1.5, 'rien a dire': 2, 'rien a redire': 2.5, ras: 0, 'merci pour rien': -3, 'au top': 2.5, 'pas terrible': -1.5,
    'que du bonheur': 3, 'sans probleme': 1.5, 'sans souci': 1.5, 'aucun probleme': 1.5, 'aucun souci': 1.5, 'tout est ok': 1.5,
    'ca va': 0.5, 'a fuir': -3, 'pas de reponse': -2, 'sans reponse': -2, 'toujours pas': -2, 'toujours rien': -2, 'plus jamais': -2.5,
    'pris en charge': 1, 'a l ecoute': 2, 'pris le temps': 2, 'tenu informe': 1.5, 's armer de patience': -1.5, 'bien plus': 0, 'bien trop': 0, 'bien moins': 0,
    'aucun courrier': -1.5, 'aucune explication': -1.5, 'aucune information': -1.5, 'quand meme': -1, 'sans plus': -0.5,
    'rien a dire de particulier': 0, 'rien a ajouter': 0, 'rien de special': 0, 'on verra': 0, 'probleme regle': 2, 'probleme resolu': 2, 'rien ne va': -2.5, 'mene en bateau': -2.5, 'prendre des gants': 0, 'ne repond pas': -2,
    'parcours du combattant': -2.5, 'hors de prix': -2.5, 'bon courage': -2, 'une blague': -2, 'vous etes serieux': -2, 'c est une blague': -2.5,
    'lettre recommandee': 0, 'courrier recommande': 0, 'en recommande': 0, 'un recommande': 0, 'un bon de': 0, 'bon d achat': 0, 'bons d achat': 0,
    'bien inferieur': -1.5, 'bien inferieure': -1.5, 'bien superieur': 0, 'difficile de juger': 0, 'difficile de dire': 0, 'difficile a dire': 0,
    'sans me juger': 2, 'sans jugement': 2, 'sans avoir a me justifier': 1.5, 'sans me justifier': 1.5, 'rien a imprimer': 1, 'avoir un humain': -1,
    'parler a un humain': -1, 'reconnu l erreur': 1.5, 'reconnu son erreur': 1.5, 'reconnu leur erreur': 1.5, 'je ne comprends pas pourquoi': -1.5,
    'dans l heure': 1, 'le jour meme': 1, 'en un clic': 1.5, 'en deux clics': 1.5, 'en quelques clics': 1.5, 'en une soiree': 1, 'comme promis': 1,
  },
  en: {
    'not bad': 1.5, 'no complaints': 2, 'no problem': 1.5, 'no problems': 1.5, 'no issues': 1.5, 'thanks for nothing': -3,
    'still waiting': -2, 'still not': -2, 'no answer': -2, 'no response': -2, 'never again': -2.5, 'on hold': -1.5, 'hung up': -2,
    'nothing to complain': 2, 'took the time': 2, 'kept me informed': 1.5, 'no explanation': -1.5, 'no instructions': -1.5,
    'no information': -1.5, 'nothing to add': 0, 'i guess': -0.3, 'solved my problem': 2.5, 'problem solved': 2, 'anyway': -0.5, 'top notch': 3, 'well done': 2, 'went above and beyond': 3, 'a breeze': 2, 'waste of time': -2.5,
    'no surprises': 1.5, 'no hassle': 2, 'no fuss': 2, 'without any fuss': 2, 'without fuss': 2, 'in one go': 1, 'in seconds': 1.5, 'fix it': -1.5,
    'recorded letter': 0, 'registered letter': 0, 'admitted the mistake': 1.5, 'admitted their mistake': 1.5, 'without judging': 2, 'feel judged': -1,
    'without making me feel judged': 2, 'no longer': -1, 'no idea': -1.5, 'same day': 1, 'within the hour': 1, 'as promised': 1, 'talk to a human': -1, 'speak to a human': -1,
  },
};

/** Words that flip the polarity of what follows within a small window. */
export const NEGATORS: Readonly<Record<'fr' | 'en', ReadonlySet<string>>> = {
  // 'plus' alone is no negation ("plus élevé"): "ne … plus" is caught by 'ne'.
  fr: new Set(['pas', 'ne', 'n', 'jamais', 'aucun', 'aucune', 'sans', 'rien', 'ni', 'guere', 'pa']),
  en: new Set(['not', 'no', 'never', 'without', "n't", 'nothing', 'none', 'nor', 'cannot', 'cant', "can't", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "aren't", "weren't", "haven't", "hasn't", "hadn't", "shouldn't", "couldn't", "wouldn't", "ain't", 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'wont']),
};

/** Multipliers of the next opinion word. */
export const INTENSIFIERS: Readonly<Record<'fr' | 'en', Readonly<Record<string, number>>>> = {
  fr: { tres: 1.5, tro: 1.5, trop: 1.3, vraiment: 1.4, super: 1.4, hyper: 1.5, extremement: 1.8, totalement: 1.5, completement: 1.5, tellement: 1.5, si: 1.3, assez: 0.8, peu: 0.5, plutot: 0.8, bcp: 1.3, beaucoup: 1.3, particulierement: 1.4, archi: 1.6 },
  en: { very: 1.5, really: 1.4, so: 1.3, extremely: 1.8, totally: 1.5, completely: 1.5, absolutely: 1.6, incredibly: 1.7, quite: 0.9, fairly: 0.8, slightly: 0.5, somewhat: 0.7, bit: 0.6, super: 1.4, too: 1.3 },
};

/** Markers after which the clause that follows weighs more ("good service but fees are crazy"). */
export const CONTRAST: Readonly<Record<'fr' | 'en', ReadonlySet<string>>> = {
  fr: new Set(['mais', 'cependant', 'pourtant', 'neanmoins', 'toutefois', 'par contre', 'en revanche', 'sauf', 'alors que']),
  en: new Set(['but', 'however', 'yet', 'except', 'whereas', 'unfortunately', 'sadly']),
};

/** Markers that open a concession: the clause they start weighs less than the main one ("although X, Y", "Y despite X"). */
export const CONCESSIVE: Readonly<Record<'fr' | 'en', ReadonlySet<string>>> = {
  fr: new Set(['malgre', 'meme si', 'bien que', 'quoique', 'en depit de']),
  en: new Set(['although', 'though', 'even though', 'even if', 'despite', 'in spite of']),
};

export const EMOJI: Readonly<Record<string, number>> = {
  '😀': 2, '😃': 2, '😄': 2, '😁': 2, '😊': 2, '🙂': 1, '😍': 3, '🥰': 3, '👍': 2, '👏': 2, '💯': 2, '❤': 2.5, '❤️': 2.5, '⭐': 1.5, '🙏': 1,
  '🙌': 2, '🤩': 3, '😎': 1.5, '🥳': 2.5, '👌': 2, '🙃': -1, '😬': -1, '🤔': -0.5, '😡': -3, '😠': -3, '🤬': -3, '😤': -2, '😞': -2, '😢': -2, '😭': -2.5, '👎': -2, '🙄': -1.5, '😒': -1.5, '💩': -3, '😩': -2, '😫': -2,
  '🌟': 1.5, '✨': 1, '💪': 1.5, '🎉': 2, '✅': 1, '😉': 1, '🤗': 2, '😌': 1, '♥': 2.5, '💙': 2.5, '💚': 2.5, '💛': 2.5, '💜': 2.5, '🧡': 2.5,
  '😐': -0.3, '😕': -1, '🙁': -1.5, '☹': -1.5, '😔': -1.5, '😟': -1.5, '😱': -1.5, '💔': -2, '❌': -1.5, '🤮': -3, '🤡': -2, '😖': -2, '😣': -2,
  ':)': 1.5, ':-)': 1.5, ':D': 2, ':-D': 2, ';)': 1, '=)': 1.5, ':(': -1.5, ':-(': -1.5, ":'(": -2, ':P': 0.5,
};

/**
 * Facts that make a customer comment negative without an opinion word: things
 * that did not work, repeated efforts, long delays, nobody answering. Matched on
 * the folded clause; each match adds its score.
 */
export const COMPLAINT_FACTS: Readonly<Record<'fr' | 'en', readonly (readonly [RegExp, number])[]>> = {
  fr: [
    [/\b(ne|n)\s+(\w+\s+){0,2}(marche|fonctionne|repond|repondent|rappelle|rappellent|arrive|aboutit|passe)\b/, -2],
    [/\b(marche|fonctionne|arrive|repond|rappelle)\w*\s+(pas|jamais|plus)\b/, -2],
    [/\bpersonne\s+(ne|n)\b/, -2],
    [/\b(\d+|deux|trois|quatre|cinq|six|dix)\s+(fois|mails|e-mails|courriels|relances|appels|lettres|courriers)\b/, -1.5],
    // A duration is a complaint unless it frames speed ("en une semaine", "sous 48h").
    [/(?<!\b(en|sous|dans|moins d)\s)\b(\d+|deux|trois|quatre|cinq|six|plusieurs|un|une)\s+(semaines?|mois)\b/, -1.2],
    [/\b(en|sous|dans les|moins de)\s+(\d+|une?|deux|trois|quelques)\s*(secondes?|minutes?|min|mn|heures?|h)\b/, 1.2],
    [/\b(ne|n)\s+(\w+\s+){0,3}plus\s+(\w+\s+){0,2}(confiance|marche|fonctionne|acces)\b/, -2],
    [/\bau bout (d|de)\b/, -1],
    [/\bsans (aucune )?(explication|reponse|retour|nouvelles|prevenir)\b|\bsans qu\s?(on|il|elle)\b/, -1.5],
    [/\b(jamais|toujours pas|toujours rien|aucun retour|aucune reponse|pas de retour)\b/, -1],
    [/\btrop (de|long|longtemps|cher)\b/, -1.5],
    [/\b(illisible|menacant|faux|fausse|trompe|trompee|interminable|obligatoire|decale|decales|perdu|perdue|refuse|refusee)\b/, -1.2],
  ],
  en: [
    [/\b(not|never|n't|\w+n t|doesnt|dont|didnt|cant|cannot)\s+(\w+\s+){0,2}(work|works|working|arrive|arrives|answer|answers|respond|responds|call|calls|load|loads)\b/, -2],
    [/\b(no one|nobody|nothing(?! (to|else to) (add|report|say|complain)))\b/, -1.5],
    [/\b(\d+|two|three|four|five|six|ten|several)\s+(times|emails|mails|calls|letters|reminders)\b/, -1.5],
    [/(?<!\b(in|within|under)\s)\b(\d+|two|three|four|five|six|several|a)\s+(weeks?|months?)\b/, -1.2],
    [/\b(in|within|under)\s+(\d+|an?|one|two|three|a few)\s*(seconds?|minutes?|mins?|hours?|hrs?)\b/, 1.2],
    [/\bfor (weeks|months|days|ages)\b|\btook (\d+|two|three|four|five|several) (days|weeks|months)\b/, -1.5],
    [/\b(didn t|did not|don t|do not|doesn t|does not) (even )?know\b|\blogs? me out\b/, -1.5],
    [/\b(never heard back|still nothing|still no|no reply|without (any )?(explanation|warning|notice))\b/, -1.5],
    [/\btoo (much|many|long|expensive)\b/, -1.5],
    [/\b(constantly|keeps?|wrong|threatening|unreadable|misled|mis-sold|forced|lost|refused|declined)\b/, -1.2],
  ],
};
