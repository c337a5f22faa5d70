import type { MomentKind } from '../../analysis/moment-matrix.js';
import type { InterfaceLanguage } from './interface-language.js';

/** What the moments page writes, in each interface language: every key in every language (no fallback). */
interface MomentWords {
  readonly names: Readonly<Record<MomentKind, string>>;
  readonly noSignal: string;
  /** The same at the start of a sentence. */
  readonly noSignalLead: string;
}

/**
 * The six moments of the customer × employee matrix. The method names them in French;
 * the English interface gets English names, not the French ones.
 */
export const MOMENT_WORDS: Readonly<Record<InterfaceLanguage, MomentWords>> = {
  en: {
    names: {
      moment_formidable: 'Great moment',
      coup_de_chance: 'Lucky break',
      douleur: 'Hidden pain',
      mauvais_combat: 'Wrong fight',
      cecite: 'Blind spot',
      impasse: 'Dead end',
    },
    noSignal: 'no clear customer signal',
    noSignalLead: 'No clear customer signal',
  },
  fr: {
    names: {
      moment_formidable: 'Moment formidable',
      coup_de_chance: 'Coup de chance',
      douleur: 'Douleur',
      mauvais_combat: 'Mauvais combat',
      cecite: 'Cécité',
      impasse: 'Impasse',
    },
    noSignal: 'pas de signal client net',
    noSignalLead: 'Pas de signal client net',
  },
};
