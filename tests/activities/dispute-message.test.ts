/**
 * The dispute e-mail on the real path (recorded dispute → due items → composed message →
 * rendered e-mail): its subject, when it was notified, the last day of the amicable period and
 * the first day a court may be seized (art. 641 CPC: the day after), citing art. 14. A record
 * made before the fix (its `courtFrom` was the last day) renders the same dates.
 */
import { describe, expect, it } from 'vitest';
import { initialLifecycleState, type DisputeRecord } from '../../contracts/lifecycle-state';
import { planCalendar, planDispute } from '../../domain/calendar';
import { renderMessage } from '../../activities/render/message';
import { composeMessages } from '../../workflows/compose-messages';
import { dueItems } from '../../workflows/due-items';
import { conventionCadre } from '../domain/fixtures';

function disputeMail(record: Omit<DisputeRecord, 'reminderAt'>) {
  const agreement = { ...conventionCadre(), articles: { dispute: 'art. 14' } };
  const plan = planDispute(agreement, record.notifiedOn);
  const state = initialLifecycleState({ agreement }, '2026-01-01T00:00:00Z');
  state.disputes.push({ ...record, reminderAt: plan.reminder.at });
  const items = dueItems(state, planCalendar(agreement), Date.parse('2027-12-31T23:00:00Z')).filter(
    (i) => i.purpose === 'dispute',
  );
  const [first] = composeMessages(state, items);
  return { plan, text: renderMessage(first!.message).text.replace(/[\u00A0\u202F]/g, ' ') };
}

describe('the dispute e-mail', () => {
  it('shows the subject and seizes a court from the day after the last day of the amicable period', () => {
    // Notified Tuesday 10 March 2026; 10 May is a Sunday → last day Monday 11 May; court from Tuesday 12 May.
    const { plan, text } = disputeMail({
      notifiedOn: '2026-03-10',
      byParty: 'cnfpt',
      subject: 'Prise en charge des frais de déplacement',
      courtFrom: '2026-05-12',
    });
    expect(plan).toMatchObject({
      amicableEndsOn: '2026-05-11',
      courtFrom: '2026-05-12',
      reminder: { date: '2026-05-04' },
    });
    expect(text).toContain('Objet du différend : Prise en charge des frais de déplacement.');
    expect(text).toContain('notifié par écrit à l’autre partie le mardi 10 mars 2026');
    expect(text).toContain(
      'court jusqu’au lundi 11 mai 2026 inclus : une juridiction peut être saisie à partir du mardi 12 mai 2026.',
    );
    expect(text).toContain('Prévu par l’article 14 de la convention.');
    expect(text).not.toMatch(/Aucune juridiction/);
  });

  it('a record made before the fix (courtFrom = the last day) renders the same dates', () => {
    const { text } = disputeMail({ notifiedOn: '2026-03-10', byParty: 'cnfpt', courtFrom: '2026-05-11' });
    expect(text).toContain('à partir du mardi 12 mai 2026');
    expect(text).not.toContain('Objet du différend');
  });
});
