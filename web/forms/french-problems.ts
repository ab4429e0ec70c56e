/**
 * Pacte's problem messages in French, for the web forms: the schemas (domain/operations.ts,
 * domain/field-schemas.ts), zod's own and the lifecycle's validator (workflows/operations.ts)
 * word them in English, as the CLI prints them. A message not known here is shown as written,
 * never dropped. Values quoted in a message are kept as they are.
 *
 * @module
 */

const NBSP = '\u00a0';
const q = (s: string) => `«${NBSP}${s}${NBSP}»`;

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  [/^required$/, () => 'à renseigner'],
  [/^Invalid input: expected \w+, received undefined$/, () => 'à renseigner'],
  [/^Invalid input: expected int, received number$/, () => 'doit être un nombre entier'],
  [/^Invalid input: expected (number|int), received \w+$/, () => 'doit être un nombre entier'],
  [/^Invalid input: expected boolean, received \w+$/, () => 'doit être coché ou non'],
  [/^Invalid input: expected array, received \w+$/, () => 'choisissez au moins une valeur'],
  [/^Invalid input: expected string, received \w+$/, () => 'doit être un texte'],
  [/^Invalid option: expected one of .*$/, () => 'choisissez une des valeurs proposées'],
  [/^Too small: expected number to be >=(-?\d+)$/, (n) => `doit valoir au moins ${n}`],
  [/^Too big: expected number to be <=(-?\d+)$/, (n) => `doit valoir au plus ${n}`],
  [/^must not be empty$/, () => 'ne doit pas être vide'],
  [/^at most (\d+) characters$/, (n) => `${n}${NBSP}caractères au plus`],
  [/^at least one participant$/, () => 'au moins un participant'],
  [/^at least one project lead$/, () => 'au moins un chef de projet'],
  [/^at least one retained project$/, () => 'au moins un projet retenu'],
  [/^not a URL$/, () => 'n’est pas une adresse web (https://…)'],
  [/^unknown field$/, () => 'champ inconnu'],
  [
    /^not a valid id: .*$/,
    () => `identifiant invalide${NBSP}: lettres minuscules, chiffres et tirets, de 3 à 63${NBSP}caractères`,
  ],
  [/^not a date YYYY-MM-DD: "(.*)"$/, (v) => `n’est pas une date AAAA-MM-JJ${NBSP}: ${q(v)}`],
  [/^not a real calendar date: "(.*)"$/, (v) => `cette date n’existe pas${NBSP}: ${q(v)}`],
  [/^(\S+) is in the future \(today is (\S+)\)$/, (d, t) => `${d} est dans le futur (nous sommes le ${t})`],
  [/^(\S+) is before the signature \((\S+)\)$/, (d, s) => `${d} précède la signature (${s})`],
  [/^the lifecycle is (\S+)$/, (p) => `le cycle de vie est clos (${p})${NBSP}: plus aucune opération`],
  [/^unknown party '(.*)' \(parties: (.*)\)$/, (p, all) => `partie inconnue ${q(p)} (parties${NBSP}: ${all})`],
  [/^this agreement has no census$/, () => 'cette convention ne prévoit pas de recensement'],
  [/^no census in (\d+) \(census years: (.*)\)$/, (y, all) => `pas de recensement en ${y} (années${NBSP}: ${all})`],
  [
    /^the census answer for (\d+) is already recorded(?: \(on (\S+)\))?$/,
    (y, on) => `la réponse au recensement ${y} est déjà enregistrée${on ? ` (le ${on})` : ''}`,
  ],
  [/^duplicate project '(.*)'$/, (p) => `projet ${q(p)} en double`],
  [/^project '(.*)' was already notified for (\d+)$/, (p, y) => `le projet ${q(p)} est déjà notifié pour ${y}`],
  [/^unknown person '(.*)'$/, (p) => `personne inconnue ${q(p)}`],
  [
    /^no project sheet is pending for '(.*)' \(pending: (.*)\)$/,
    (p, all) =>
      `aucune fiche projet n’est attendue pour ${q(p)} (attendues${NBSP}: ${all === 'none' ? 'aucune' : all})`,
  ],
  [/^no meeting '(.*)' in the calendar.*$/, (m) => `pas de réunion ${q(m)} au calendrier`],
  [/^meeting '(.*)' is already recorded$/, () => 'cette réunion est déjà enregistrée'],
  [
    /^an amendment keeps the agreement id '(.*)' \(got '(.*)'\)$/,
    (id, got) => `un avenant garde l’identifiant ${q(id)} (le fichier dit ${q(got)})`,
  ],
  [/^notice was already given by (\S+) on (\S+)$/, (p, d) => `la convention est déjà dénoncée par ${p} le ${d}`],
  [
    /^the renewal meeting is already recorded \(on (\S+)\)$/,
    (d) => `la rencontre de renouvellement est déjà enregistrée (le ${d})`,
  ],
  [
    /^notice was given on (\S+); a terminated agreement is not renewed$/,
    (d) => `la convention a été dénoncée le ${d}${NBSP}; elle ne peut être renouvelée`,
  ],
  [/^already renewed by '(.*)'$/, (s) => `déjà renouvelée par ${q(s)}`],
  [
    /^the successor needs its own id \(not '(.*)'\)$/,
    (id) => `la convention suivante doit avoir son propre identifiant (pas ${q(id)})`,
  ],
  [/^a dispute is already recorded on (\S+)$/, (d) => `un différend est déjà enregistré le ${d}`],
];

/** `message` in French when its wording is known, else as written. */
export function frenchProblem(message: string): string {
  for (const [pattern, word] of RULES) {
    const m = pattern.exec(message);
    if (m) return word(...m.slice(1).map((g) => g ?? ''));
  }
  return message;
}
