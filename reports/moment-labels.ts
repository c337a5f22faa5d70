import type { MomentKind } from '../analysis/moment-matrix.js';

/** How the six moments are written in reports (the French names the method uses). */
const LABELS: Readonly<Record<MomentKind, string>> = {
  moment_formidable: 'moment formidable (+/+)',
  coup_de_chance: 'coup de chance (+/none)',
  douleur: 'douleur (+/−)',
  mauvais_combat: 'mauvais combat (−/+)',
  cecite: 'cécité (−/none)',
  impasse: 'impasse (−/−)',
};

export function momentLabel(kind: MomentKind): string {
  return LABELS[kind];
}
