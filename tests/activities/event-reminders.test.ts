/**
 * Reminder e-mails about one-off events, on the real path: the Vaucluse example file → planner →
 * due items → composed messages → rendered e-mail. An all-day event claims no time, a multi-day
 * event keeps both days, an undated event says its window (calendar rule 11); the e-mails
 * themselves still go out at reminders.time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../activities/render/message';
import { initialLifecycleState } from '../../contracts/lifecycle-state';
import type { Agreement, Locale } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { parseAgreement } from '../../domain/parse-agreement';
import { composeMessages } from '../../workflows/compose-messages';
import { dueItems } from '../../workflows/due-items';

const FILE = fileURLToPath(new URL('../../examples/agreements/plan-action-vaucluse.yaml', import.meta.url));

function vaucluse(locale: Locale = 'fr', extraEvents: unknown[] = []): Agreement {
  const source = YAML.parse(readFileSync(FILE, 'utf8')) as { locale?: string; events: unknown[] };
  source.locale = locale;
  source.events.push(...extraEvents);
  const parsed = parseAgreement(source);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.agreement;
}

/** Every e-mail of the whole term, rendered, keyed by `<first reminder id> <recipient id>`. */
function term(agreement: Agreement) {
  const state = initialLifecycleState({ agreement }, '2024-03-01T00:00:00.000+01:00');
  const calendar = planCalendar(agreement);
  const items = dueItems(state, calendar, Date.parse('2025-05-01T00:00:00+02:00'));
  return composeMessages(state, items).map(({ message }) => ({ message, rendered: renderMessage(message) }));
}

function mailFor(agreement: Agreement, reminderId: string, person = 'ref-cnfpt') {
  const found = term(agreement).find(
    (m) => m.message.recipient.id === person && m.message.items.some((i) => i.reminderId === reminderId),
  );
  if (!found) throw new Error(`no e-mail to ${person} for ${reminderId}`);
  return found;
}

describe('event reminder e-mails (French)', () => {
  const agreement = vaucluse('fr', [
    { id: 'forum-q3', title: 'Forum des managers', window: '2024-Q3' },
    { id: 'atelier-septembre', title: 'Atelier codéveloppement', window: '2024-09' },
  ]);

  it('an all-day event: its date, no « à 9 h 00 »; the e-mail itself is due at 9 h 00 on its day', () => {
    const { message, rendered } = mailFor(agreement, 'colloque-ensosp/event/2024-06-04');
    expect(message.dueAt).toBe('2024-06-04T09:00:00.000+02:00');
    expect(message.items[0]?.subject).toMatchObject({ allDay: true, date: '2024-07-04' });
    expect(rendered.text).toContain('jeudi 4 juillet 2024');
    expect(rendered.text).not.toContain('juillet 2024 à 9 h 00');
    expect(rendered.subject).not.toMatch(/\d h \d\d/);
  });

  it('a multi-day event: both days', () => {
    const { message, rendered } = mailFor(agreement, 'semaine-transitions/event/2024-11-18');
    expect(message.dueAt).toBe('2024-11-18T09:00:00.000+01:00');
    expect(message.items[0]?.subject).toMatchObject({ allDay: true, date: '2024-11-25', end: '2024-11-29' });
    expect(rendered.text).toContain('du lundi 25 novembre 2024 au vendredi 29 novembre 2024');
    expect(rendered.text).not.toMatch(/novembre 2024 à 9 h 00/);
  });

  it('an undated event: its window, never a day; the referents are asked to fix the date', () => {
    const { message, rendered } = mailFor(agreement, 'soiree-inet/event-undated/2024-05-31');
    expect(message.dueAt).toBe('2024-05-31T09:00:00.000+02:00');
    // Grouped with the Q3 forum's request, due the same day to the same person.
    expect(message.items.map((i) => i.subject)).toEqual([
      expect.objectContaining({ id: 'forum-q3', undated: true, window: '2024-Q3' }),
      expect.objectContaining({ id: 'soiree-inet', undated: true, window: '2024-H2' }),
    ]);
    expect(rendered.text).toContain(
      'L’événement «\u202FSoirée de l’INET\u202F» est prévu par le plan d’action au second semestre 2024, mais n’a pas encore de date précise.',
    );
    expect(rendered.text).toContain('Fixez une date');
    expect(rendered.text).not.toContain('juillet 2024');
    expect(rendered.text).not.toContain('à partir du');
    for (const [id, phrase] of [
      ['forum-q3/event-undated/2024-05-31', 'au troisième trimestre 2024'],
      ['atelier-septembre/event-undated/2024-08-02', 'en septembre 2024'],
    ] as const) {
      const mail = mailFor(agreement, id);
      expect(mail.rendered.text).toContain(phrase);
      expect(mail.rendered.text).not.toContain('à partir du');
    }
  });
});

describe('event reminder e-mails (English)', () => {
  const agreement = vaucluse('en');

  it('all-day, multi-day and undated events in English', () => {
    expect(mailFor(agreement, 'colloque-ensosp/event/2024-06-04').rendered.text).toContain('Thursday 4 July 2024');
    expect(mailFor(agreement, 'colloque-ensosp/event/2024-06-04').rendered.text).not.toContain('July 2024 at 09:00');
    expect(mailFor(agreement, 'semaine-transitions/event/2024-11-18').rendered.text).toContain(
      'from Monday 25 November 2024 to Friday 29 November 2024',
    );
    const undated = mailFor(agreement, 'soiree-inet/event-undated/2024-05-31').rendered.text;
    expect(undated).toContain('in the second half of 2024, but has no precise date yet');
    expect(undated).not.toContain('July 2024');
  });
});
