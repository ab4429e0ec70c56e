/**
 * What an operation did (the lifecycle answers it as data), as one line in the agreement's
 * language: « recensement 2026 : réponse enregistrée le lundi 30 novembre 2026 ».
 *
 * @module
 */
import type { Locale } from '../../domain/agreement';
import type { OperationOutcome, OperationResult } from '../../contracts/messages';
import { parseThread } from '../../domain/reminder-thread';
import { longDate } from './french-dates';

type Words = {
  [K in OperationOutcome['kind']]: (o: Extract<OperationOutcome, { kind: K }>, d: (date: string) => string) => string;
};

/** A reminder thread (domain/reminder-thread.ts) in words. */
function threadWords(thread: string, locale: Locale): string {
  const ref = parseThread(thread);
  const fr = locale !== 'en';
  switch (ref?.kind) {
    case 'census':
      return fr ? `recensement ${ref.year}` : `census ${ref.year}`;
    case 'sheet':
      return fr ? `fiche projet ${ref.projectId} (${ref.year})` : `project sheet ${ref.projectId} (${ref.year})`;
    case 'indicators':
      return fr ? `indicateurs de ${ref.entryId}` : `indicators of ${ref.entryId}`;
    case 'followup':
      return fr ? `suivi de ${ref.entryId}` : `follow-up of ${ref.entryId}`;
    default:
      return thread;
  }
}

/** Instants of a snooze carry the agreement's offset: their first ten characters are its local date. */
const day = (instant: string) => instant.slice(0, 10);

const FR: Words = {
  'census-answered': (o, d) => `recensement ${o.year} : réponse enregistrée le ${d(o.answeredOn)}`,
  'projects-retained': (o, d) =>
    `recensement ${o.year} : ${o.sheets.length} fiche(s) projet attendue(s) — ${o.sheets.map((s) => `${s.projectId} le ${d(s.dueOn)}`).join(', ')}`,
  'sheet-submitted': (o, d) =>
    `fiche projet ${o.projectId} reçue le ${d(o.submittedOn)}` +
    (o.belowMinimum
      ? ` — ${o.belowMinimum.participants} participants, sous le minimum de ${o.belowMinimum.minimum} : les référents sont prévenus`
      : ''),
  'meeting-held': (o, d) => `${o.title} du ${d(o.date)} : tenue le ${d(o.heldOn)}`,
  amended: (o) =>
    `version ${o.version} en vigueur : ${o.invitationsUpdated} invitation(s) mise(s) à jour, ${o.invitationsCancelled} annulée(s)`,
  'notice-given': (o, d) =>
    `dénonciation par ${o.byParty} le ${d(o.givenOn)} : l'accord prend fin le ${d(o.effectiveOn)}`,
  'renewal-meeting-held': (o, d) => `rencontre de renouvellement tenue le ${d(o.heldOn)} : les relances s’arrêtent`,
  renewed: (o, d) =>
    `renouvelé par ${o.successorId} (${o.successorWorkflowId}) ; cet accord court jusqu'au ${d(o.endsOn)}`,
  'dispute-recorded': (o, d) =>
    `différend notifié par ${o.byParty} le ${d(o.notifiedOn)} : règlement amiable ; une juridiction peut être saisie à partir du ${d(o.courtFrom)}`,
  'person-changed': (o, d) =>
    ({
      replace: `${o.personId}\u00a0: nouvelles coordonnées à partir du ${d(o.effectiveOn)}`,
      remove: `${o.personId} quitte l’accord à partir du ${d(o.effectiveOn)}\u00a0: ses rôles sont retirés`,
      add: `${o.newPersonId ?? ''} reprend les rôles de ${o.personId} à partir du ${d(o.effectiveOn)}`,
    })[o.change] +
    (o.applied
      ? ` — ${o.invitationsCancelled} invitation(s) annulée(s), ${o.invitationsSent} envoyée(s)`
      : ' — appliqué ce jour-là'),
  'reminders-snoozed': (o, d) =>
    `${threadWords(o.thread, 'fr')}\u00a0: rappels de ${o.personId} reportés au ${d(day(o.until))} — ` +
    (o.next === undefined
      ? 'plus aucun rappel avant l’échéance'
      : `prochain rappel le ${d(day(o.next))}${o.nextIsLast ? ', le dernier avant l’échéance' : ''}`),
  'indicators-recorded': (o, d) =>
    `indicateurs de la réunion «\u00a0${o.title}\u00a0» du ${d(o.date)} envoyés le ${d(o.sentOn)}\u00a0: leurs relances s’arrêtent` +
    (o.url ? ` (${o.url})` : ''),
  'reminder-declined': (o, d) =>
    `${o.personId}\u00a0: le rappel «\u00a0${o.title}\u00a0» du ${d(o.date)} (${o.purpose}) ne le concerne plus, dit le ${d(o.declaredOn)}\u00a0; ${o.referentsTold} référent(s) prévenu(s), rien d’autre ne change`,
};

const EN: Words = {
  'census-answered': (o, d) => `census ${o.year}: answer recorded on ${d(o.answeredOn)}`,
  'projects-retained': (o, d) =>
    `census ${o.year}: ${o.sheets.length} project sheet(s) due — ${o.sheets.map((s) => `${s.projectId} on ${d(s.dueOn)}`).join(', ')}`,
  'sheet-submitted': (o, d) =>
    `project sheet ${o.projectId} received on ${d(o.submittedOn)}` +
    (o.belowMinimum
      ? ` — ${o.belowMinimum.participants} participants, under the minimum of ${o.belowMinimum.minimum}: the referents are told`
      : ''),
  'meeting-held': (o, d) => `${o.title} of ${d(o.date)}: held on ${d(o.heldOn)}`,
  amended: (o) =>
    `version ${o.version} in force: ${o.invitationsUpdated} invitation(s) updated, ${o.invitationsCancelled} cancelled`,
  'notice-given': (o, d) =>
    `notice given by ${o.byParty} on ${d(o.givenOn)}: the agreement ends on ${d(o.effectiveOn)}`,
  'renewal-meeting-held': (o, d) => `renewal meeting held on ${d(o.heldOn)}: the follow-ups stop`,
  renewed: (o, d) => `renewed by ${o.successorId} (${o.successorWorkflowId}); this agreement runs until ${d(o.endsOn)}`,
  'dispute-recorded': (o, d) =>
    `dispute notified by ${o.byParty} on ${d(o.notifiedOn)}: amicable settlement; a court may be seized from ${d(o.courtFrom)}`,
  'person-changed': (o, d) =>
    ({
      replace: `${o.personId}: new contact details from ${d(o.effectiveOn)}`,
      remove: `${o.personId} leaves the agreement from ${d(o.effectiveOn)}: their roles are dropped`,
      add: `${o.newPersonId ?? ''} takes over the roles of ${o.personId} from ${d(o.effectiveOn)}`,
    })[o.change] +
    (o.applied
      ? ` — ${o.invitationsCancelled} invitation(s) cancelled, ${o.invitationsSent} sent`
      : ' — applied on that day'),
  'reminders-snoozed': (o, d) =>
    `${threadWords(o.thread, 'en')}: reminders of ${o.personId} postponed to ${d(day(o.until))} — ` +
    (o.next === undefined
      ? 'no reminder left before the deadline'
      : `next reminder on ${d(day(o.next))}${o.nextIsLast ? ', the last before the deadline' : ''}`),
  'indicators-recorded': (o, d) =>
    `indicators of the meeting “${o.title}” of ${d(o.date)} sent on ${d(o.sentOn)}: their reminders stop` +
    (o.url ? ` (${o.url})` : ''),
  'reminder-declined': (o, d) =>
    `${o.personId}: the reminder “${o.title}” of ${d(o.date)} (${o.purpose}) no longer concerns them, said on ${d(o.declaredOn)}; ${o.referentsTold} referent(s) told, nothing else changes`,
};

/** One line saying what the operation did, in `locale` (the agreement's language). */
export function describeOutcome(outcome: OperationOutcome, locale: Locale): string {
  const words = (locale === 'en' ? EN : FR)[outcome.kind] as (
    o: OperationOutcome,
    d: (date: string) => string,
  ) => string;
  return words(outcome, (date) => longDate(date, locale));
}

/** `agreement-…: <what it did> (phase …)`, as `pacte` prints an operation's answer. */
export function operationLine(workflowId: string, result: OperationResult): string {
  return `${workflowId}: ${describeOutcome(result.outcome, result.locale)} (phase ${result.phase})`;
}
