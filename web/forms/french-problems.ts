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
  // The agreement file's own checks (domain/agreement-schema.ts, domain/agreement-rules.ts).
  [/^not an e-mail address$/, () => 'n’est pas une adresse électronique'],
  [/^at least one person$/, () => 'au moins une personne'],
  [/^at least two parties$/, () => 'au moins deux parties'],
  [/^at least one working day$/, () => 'au moins un jour travaillé'],
  [/^a day is listed twice$/, () => 'un jour figure deux fois'],
  [/^at least one indicator$/, () => 'au moins un indicateur'],
  [/^at least one thing to prepare$/, () => 'au moins une chose à préparer'],
  [/^not a time HH:MM$/, () => 'n’est pas une heure HH:MM'],
  [/^start and end go together$/, () => 'le début et la fin vont ensemble'],
  [
    /^give exactly one of date, start and end, or window$/,
    () => 'indiquez soit une date, soit un début et une fin, soit une période',
  ],
  [/^not an IANA time zone: "(.*)"$/, (z) => `n’est pas un fuseau horaire IANA${NBSP}: ${q(z)}`],
  [
    /^duplicate (\S+) id "(.*)" \(already used by (.*)\)$/,
    (what, id, first) => `identifiant ${q(id)} en double (${what}, déjà pris par ${first})`,
  ],
  [/^unknown party "(.*)"$/, (p) => `partie inconnue ${q(p)}`],
  [/^unknown person "(.*)"$/, (p) => `personne inconnue ${q(p)}`],
  [/^unknown person or role "(.*)"$/, (r) => `personne ou rôle inconnu ${q(r)}`],
  [/^ends on (\S+), not after the start (\S+)$/, (e, s) => `se termine le ${e}, pas après le début (${s})`],
  [/^ends on (\S+), before its start (\S+)$/, (e, s) => `se termine le ${e}, avant son début (${s})`],
  [/^outside the term (\S+) – (\S+)$/, (a, b) => `hors de la durée de la convention (${a} – ${b})`],
];

/** `message` in French when its wording is known, else as written. */
export function frenchProblem(message: string): string {
  for (const [pattern, word] of RULES) {
    const m = pattern.exec(message);
    if (m) return word(...m.slice(1).map((g) => g ?? ''));
  }
  return message;
}
