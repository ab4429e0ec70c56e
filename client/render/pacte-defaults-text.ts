/**
 * The lines `pacte plan` and `pacte preview` print about the values an agreement took from
 * Pacte's defaults that no source gives (domain/pacte-defaults.ts): the partners should write
 * their own. Nothing when the file writes them all.
 *
 * @module
 */
import type { Locale } from '../../domain/agreement';
import type { PacteDefault } from '../../domain/pacte-defaults';

const HEADING: Record<Locale, string> = {
  fr: 'Valeurs prises des défauts de Pacte, qu’aucune source ne donne (à écrire dans le fichier, au choix des partenaires)\u00a0:',
  en: 'Values taken from Pacte’s defaults, which no source gives (to write in the file, as the partners choose):',
};

export function pacteDefaultsLines(defaults: readonly PacteDefault[], locale: Locale): string[] {
  if (defaults.length === 0) return [];
  return [HEADING[locale], ...defaults.map((d) => `    ${d.path}: ${d.value}`), ''];
}
