/**
 * The e-mails a plan calls for, and those an SMTP server received, in one comparable shape:
 * one e-mail per person per local day (DOMAIN §6), keyed `day|person`, with the sorted ids of
 * the reminders it carries. Tests compare the two to prove every planned e-mail arrived, and
 * nothing else, independently of what the lifecycle says it sent.
 */
import type { Agreement } from '../../domain/agreement';
import type { Calendar, CalendarReminder } from '../../domain/calendar-types';
import type { SinkMessage } from './smtp-sink';

export type Emails = Map<string, string[]>;

/** The planned e-mails made of the reminders `include` keeps (all by default). */
export function plannedEmails(
  calendar: Calendar,
  include: (reminder: CalendarReminder) => boolean = () => true,
): Emails {
  const emails: Emails = new Map();
  for (const reminder of calendar.entries.flatMap((e) => e.reminders).filter(include)) {
    for (const person of reminder.to) {
      const key = `${reminder.date}|${person}`;
      emails.set(key, [...(emails.get(key) ?? []), reminder.id].sort());
    }
  }
  return emails;
}

/** The received e-mails of `agreement`, one per distinct Message-ID (a re-sent one counts once). */
export function receivedEmails(agreement: Agreement, messages: SinkMessage[]): Emails {
  const byEmail = new Map(agreement.people.map((p) => [p.email, p.id]));
  const emails: Emails = new Map();
  const keyOf = new Map<string, string>();
  for (const mail of messages) {
    if (mail.headers['x-pacte-agreement'] !== agreement.id) continue;
    const key = `${mail.headers['x-pacte-day']}|${byEmail.get(mail.envelope.to[0]!) ?? mail.envelope.to[0]}`;
    const known = keyOf.get(mail.messageId!);
    if (known === key) continue;
    if (emails.has(key)) throw new Error(`two different e-mails for ${key} (${agreement.id})`);
    keyOf.set(mail.messageId!, key);
    emails.set(
      key,
      (mail.headers['x-pacte-reminders'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .sort(),
    );
  }
  return emails;
}

/** A Map as a sorted plain object, for `toEqual` with a readable diff. */
export function sorted(emails: Emails): Record<string, string[]> {
  return Object.fromEntries([...emails].sort(([a], [b]) => a.localeCompare(b)));
}
