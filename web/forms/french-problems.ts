/**
 * Pacte's problem messages in French, for the web forms: the schemas (domain/operations.ts,
 * domain/field-schemas.ts), zod's own and the lifecycle's validator (workflows/operations.ts,
 * domain/person-change-rules.ts) word them in English, as the CLI prints them. Dates are said in
 * words, phases in French, people and parties by their names when the agreement is given. A
 * message not known here becomes a generic French one (the caller logs the original, see
 * {@link redactedProblem}); quoted values are kept as they are.
 *
 * @module
 */
import { longDate } from '../../client/render/french-dates';
import type { Phase } from '../../contracts/lifecycle-state';

const NBSP = '\u00a0';
const q = (s: string) => `«${NBSP}${s}${NBSP}»`;

/** How the messages name people and parties (their ids when no agreement is given). */
export interface ProblemNames {
  person(id: string): string;
  party(id: string): string;
}

const BY_ID: ProblemNames = { person: (id) => id, party: (id) => id };

type Named = readonly { id: string; name: string }[];

export function problemNames(agreement: { people: Named; parties: Named }): ProblemNames {
  return {
    person: (id) => agreement.people.find((p) => p.id === id)?.name ?? id,
    party: (id) => agreement.parties.find((p) => p.id === id)?.name ?? id,
  };
}

/** `2026-03-05` → « jeudi 5 mars 2026 »; anything else as written. */
const day = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? longDate(d) : d);

/** A closed lifecycle's phase, as the sentence « la convention est … » ends. */
const CLOSED: Partial<Record<Phase, string>> = { terminated: 'dénoncée', expired: 'arrivée à échéance' };

/** The message a person does not get in French: the caller names the field beside it. */
export const GENERIC_PROBLEM = 'cette valeur n’est pas acceptée';

type Rule = [RegExp, (n: ProblemNames, ...groups: string[]) => string];

const RULES: Rule[] = [
  [/^required$/, () => 'à renseigner'],
  [/^Invalid input: expected \w+, received undefined$/, () => 'à renseigner'],
  [/^Invalid input: expected int, received number$/, () => 'doit être un nombre entier'],
  [/^Invalid input: expected (number|int), received \w+$/, () => 'doit être un nombre entier'],
  [/^Invalid input: expected boolean, received \w+$/, () => 'doit être coché ou non'],
  [/^Invalid input: expected array, received \w+$/, () => 'choisissez au moins une valeur'],
  [/^Invalid input: expected string, received \w+$/, () => 'doit être un texte'],
  [/^Invalid option: expected one of .*$/, () => 'choisissez une des valeurs proposées'],
  [/^Too small: expected number to be >=(-?\d+)$/, (_n, n) => `doit valoir au moins ${n}`],
  [/^Too big: expected number to be <=(-?\d+)$/, (_n, n) => `doit valoir au plus ${n}`],
  [/^must not be empty$/, () => 'ne doit pas être vide'],
  [/^at most (\d+) characters$/, (_n, n) => `${n}${NBSP}caractères au plus`],
  [/^at least one participant$/, () => 'au moins un participant'],
  [/^at least one project lead$/, () => 'au moins un chef de projet'],
  [/^at least one retained project$/, () => 'au moins un projet retenu'],
  [/^not a URL$/, () => 'n’est pas une adresse web (https://…)'],
  [/^unknown field$/, () => 'champ inconnu'],
  [
    /^not a valid id: .*$/,
    () => `identifiant invalide${NBSP}: lettres minuscules, chiffres et tirets, de 3 à 63${NBSP}caractères`,
  ],
  [/^not a date YYYY-MM-DD: "(.*)"$/, (_n, v) => `n’est pas une date AAAA-MM-JJ${NBSP}: ${q(v)}`],
  [/^not a real calendar date: "(.*)"$/, (_n, v) => `cette date n’existe pas${NBSP}: ${q(v)}`],
  [
    /^(\S+) is in the future \(today is (\S+)\)$/,
    (_n, d, t) => `le ${day(d)} est dans le futur (nous sommes le ${day(t)})`,
  ],
  [/^(\S+) is before the signature \((\S+)\)$/, (_n, d, s) => `le ${day(d)} précède la signature (le ${day(s)})`],
  [
    /^(\S+) is after the end of the agreement \((\S+)\)$/,
    (_n, d, e) => `le ${day(d)} est après la fin de la convention (le ${day(e)})`,
  ],
  [
    /^the lifecycle is (terminated|expired)$/,
    (_n, p) => `la convention est ${CLOSED[p as Phase]}${NBSP}: plus aucune opération`,
  ],
  [
    /^unknown party '(.*)' \(parties: (.*)\)$/,
    (n, p, all) => `partie inconnue ${q(p)} (parties${NBSP}: ${all.split(', ').map(n.party).join(', ')})`,
  ],
  [/^this agreement has no census$/, () => 'cette convention ne prévoit pas de recensement'],
  [/^no census in (\d+) \(census years: (.*)\)$/, (_n, y, all) => `pas de recensement en ${y} (années${NBSP}: ${all})`],
  [
    /^the census answer for (\d+) is already recorded(?: \(on (\S+)\))?$/,
    (_n, y, on) => `la réponse au recensement ${y} est déjà enregistrée${on ? ` (le ${day(on)})` : ''}`,
  ],
  [/^duplicate project '(.*)'$/, (_n, p) => `projet ${q(p)} en double`],
  [/^project '(.*)' was already notified for (\d+)$/, (_n, p, y) => `le projet ${q(p)} est déjà notifié pour ${y}`],
  [/^unknown person '(.*)'(?: \(people: .*\))?$/, (_n, p) => `personne inconnue ${q(p)}`],
  [
    /^no project sheet is pending for '(.*)' \(pending: (.*)\)$/,
    (_n, p, all) =>
      `aucune fiche projet n’est attendue pour ${q(p)} (attendues${NBSP}: ${all === 'none' ? 'aucune' : all})`,
  ],
  [/^no meeting '(.*)' in the calendar.*$/, (_n, m) => `pas de réunion ${q(m)} au calendrier`],
  [/^meeting '(.*)' is already recorded$/, () => 'cette réunion est déjà enregistrée'],
  [
    /^name axes only for a late tracking table.*$/,
    () => 'ne choisissez des axes que si le tableau de suivi a été transmis en retard',
  ],
  [/^no axis '(.*)' in the agreement.*$/, (_n, a) => `pas d’axe ${q(a)} dans la convention`],
  [
    /^an amendment keeps the agreement id '(.*)' \(got '(.*)'\)$/,
    (_n, id, got) => `un avenant garde l’identifiant ${q(id)} (le fichier dit ${q(got)})`,
  ],
  [
    /^notice was already given by (\S+) on (\S+)$/,
    (n, p, d) => `la convention est déjà dénoncée par ${n.party(p)} le ${day(d)}`,
  ],
  [/^no indicators are due for '(.*)' \(e\.g\. .*\)$/, (_n, e) => `aucun indicateur n’est attendu pour ${q(e)}`],
  [
    /^the indicators of '(.*)' are already recorded \(sent on (\S+)\)$/,
    (_n, _e, d) => `les indicateurs de cette réunion sont déjà enregistrés (envoyés le ${day(d)})`,
  ],
  [/^no (\S+) reminder about '(.*)'$/, () => 'aucun rappel de ce type à ce sujet'],
  [/^'(.*)' receives no (\S+) reminder about '(.*)'$/, (n, p) => `${n.person(p)} ne reçoit pas ce rappel`],
  [
    /^'(.*)' already said so on (\S+); the referents were told$/,
    (n, p, d) => `${n.person(p)} l’a déjà signalé le ${day(d)}${NBSP}; les référents en sont informés`,
  ],
  [/^no reminder of '(.*)' is left to send$/, () => 'plus aucun rappel à envoyer à ce sujet'],
  [
    /^'(.*)' has no reminder of '(.*)' left to receive$/,
    (n, p) => `${n.person(p)} n’a plus de rappel à recevoir à ce sujet`,
  ],
  [
    /^'(.*)' is already one of the agreement's people$/,
    (_n, p) => `${q(p)} fait déjà partie des personnes de la convention`,
  ],
  [/^the name and the e-mail are those already recorded$/, () => 'le nom et l’adresse sont déjà ceux enregistrés'],
  [
    /^'(.*)' is the last referent of (\S+); add a person who takes over instead$/,
    (n, p, party) =>
      `${n.person(p)} est le dernier référent de ${n.party(party)}${NBSP}; enregistrez plutôt une passation`,
  ],
  [/^'(.*)' is the only pilot of axis (\S+)$/, (n, p, a) => `${n.person(p)} est le seul pilote de l’axe ${q(a)}`],
  [
    /^'(.*)' is the only lead of (?:the awaited project sheet|project) (\S+)$/,
    (n, p, project) => `${n.person(p)} est le seul chef du projet ${q(project)}`,
  ],
  [
    /^(removing|changing) '(.*)' leaves (.*)$/,
    (n, how, p, rest) =>
      `${how === 'removing' ? 'retirer' : 'changer'} ${n.person(p)} laisserait la convention incomplète${NBSP}: ${knownFrench(rest, n) ?? GENERIC_PROBLEM}`,
  ],
  [
    /^the renewal meeting is already recorded \(on (\S+)\)$/,
    (_n, d) => `la rencontre de renouvellement est déjà enregistrée (le ${day(d)})`,
  ],
  [
    /^notice was given on (\S+); a terminated agreement is not renewed$/,
    (_n, d) => `la convention a été dénoncée le ${day(d)}${NBSP}; elle ne peut être renouvelée`,
  ],
  [/^already renewed by '(.*)'$/, (_n, s) => `déjà renouvelée par ${q(s)}`],
  [
    /^the successor needs its own id \(not '(.*)'\)$/,
    (_n, id) => `la convention suivante doit avoir son propre identifiant (pas ${q(id)})`,
  ],
  [/^a dispute is already recorded on (\S+)$/, (_n, d) => `un différend est déjà enregistré le ${day(d)}`],
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
  [/^not an IANA time zone: "(.*)"$/, (_n, z) => `n’est pas un fuseau horaire IANA${NBSP}: ${q(z)}`],
  [
    /^duplicate (\S+) id "(.*)" \(already used by (.*)\)$/,
    (_n, what, id, first) => `identifiant ${q(id)} en double (${what}, déjà pris par ${first})`,
  ],
  [/^unknown party "(.*)"$/, (_n, p) => `partie inconnue ${q(p)}`],
  [/^unknown person "(.*)"$/, (_n, p) => `personne inconnue ${q(p)}`],
  [/^unknown person or role "(.*)"$/, (_n, r) => `personne ou rôle inconnu ${q(r)}`],
  [/^ends on (\S+), not after the start (\S+)$/, (_n, e, s) => `se termine le ${e}, pas après le début (${s})`],
  [/^ends on (\S+), before its start (\S+)$/, (_n, e, s) => `se termine le ${e}, avant son début (${s})`],
  [/^outside the term (\S+) – (\S+)$/, (_n, a, b) => `hors de la durée de la convention (${a} – ${b})`],
];

/** `message` in French when its wording is known here; undefined otherwise. */
export function knownFrench(message: string, names: ProblemNames = BY_ID): string | undefined {
  for (const [pattern, word] of RULES) {
    const m = pattern.exec(message);
    if (m) return word(names, ...m.slice(1).map((g) => g ?? ''));
  }
  return undefined;
}

/** `message` in French; one not known here becomes {@link GENERIC_PROBLEM}. */
export function frenchProblem(message: string, names: ProblemNames = BY_ID): string {
  return knownFrench(message, names) ?? GENERIC_PROBLEM;
}

/**
 * A message without the values it quotes (ids, names, addresses people typed), to log one that has
 * no French wording yet without personal data.
 */
export function redactedProblem(message: string): string {
  return message
    .replace(/'[^']*'|"[^"]*"/g, '…')
    .replace(/\S+@\S+/g, '…')
    .replace(/\d{4}-\d{2}-\d{2}/g, 'AAAA-MM-JJ');
}
