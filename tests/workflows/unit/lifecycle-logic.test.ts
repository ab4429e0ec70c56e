/**
 * The lifecycle's pure decisions, without a server: what is due, how it is grouped into e-mails,
 * how Message-IDs are derived, and how an amendment or a notice changes invitations.
 */
import { describe, expect, it } from 'vitest';
import { planCalendar } from '../../../domain/calendar';
import { composeMessages } from '../../../workflows/compose-messages';
import { deliveredKey, dueItems } from '../../../workflows/due-items';
import { initialLifecycleState, type LifecycleState } from '../../../contracts/lifecycle-state';
import { meetingChanges } from '../../../workflows/meeting-changes';
import { heldInvitation } from '../../support/held-invitations';
import { reminderMessageId } from '../../../workflows/message-id';
import { conventionCadre, cot } from '../../domain/fixtures';

function stateOf(agreement = cot(), over: Partial<LifecycleState> = {}): LifecycleState {
  return { ...initialLifecycleState({ agreement }, '2025-01-06T00:00:00.000+01:00'), ...over };
}
const END = Date.parse('2028-01-01T00:00:00+01:00');

describe('due items', () => {
  it('lists every planned reminder once per recipient, in time order', () => {
    const state = stateOf(cot(), { censusLoop: true });
    const calendar = planCalendar(state.agreement);
    const items = dueItems(state, calendar, END);
    const planned = calendar.entries.flatMap((e) => e.reminders).reduce((n, r) => n + r.to.length, 0);
    expect(items.reduce((n, i) => n + i.to.length, 0)).toBe(planned);
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('art. 9 loop: the CNFPT referent’s census reminders only with the census-loop patch, none once projects are notified', () => {
    const calendar = planCalendar(conventionCadre());
    const purposes = (state: LifecycleState) => new Set(dueItems(state, calendar, END).map((i) => i.purpose));
    // A run recorded before the patch keeps its commands: neither reminder.
    const before = purposes(stateOf(conventionCadre()));
    expect(before.has('census-launch') || before.has('census-retained')).toBe(false);
    const withLoop = stateOf(conventionCadre(), { censusLoop: true });
    const retained = dueItems(withLoop, calendar, END).filter((i) => i.purpose === 'census-retained');
    expect(retained.map((i) => i.details?.censusYear)).toEqual([2025, 2026, 2027]);
    expect(retained.every((i) => i.to.join() === 'ref-cnfpt')).toBe(true);
    expect(purposes(withLoop).has('census-launch')).toBe(true);
    // Projects notified for 2025: that year's reminder to notify them is gone, the others stay.
    const notified = stateOf(conventionCadre(), {
      censusLoop: true,
      census: [{ year: 2025, projectsNotifiedOn: '2025-10-14' }],
    });
    expect(
      dueItems(notified, calendar, END)
        .filter((i) => i.purpose === 'census-retained')
        .map((i) => i.details?.censusYear),
    ).toEqual([2026, 2027]);
  });

  it('leaves out what was delivered and what predates the lifecycle', () => {
    const state = stateOf();
    const calendar = planCalendar(state.agreement);
    const [first, second] = dueItems(state, calendar, END);
    const later = stateOf(cot(), {
      plannedFrom: second!.at,
      deliveredKeys: second!.to.map((p) => deliveredKey(second!.key, p)),
    });
    const keys = dueItems(later, calendar, END).map((i) => i.key);
    expect(keys).not.toContain(first!.key);
    expect(keys).not.toContain(second!.key);
  });

  it('keys meeting reminders by occurrence and rank, so a moved occurrence keeps them', () => {
    const state = stateOf(cot(), { uidAliases: { 'pilot-review-2025-03-06': 'pilot-review-2025-03-04' } });
    const moved = {
      ...planCalendar(state.agreement),
      entries: planCalendar(state.agreement).entries.map((e) =>
        e.id === 'pilot-review-2025-03-04' ? { ...e, id: 'pilot-review-2025-03-06' } : e,
      ),
    };
    const keys = dueItems(state, moved, END)
      .filter((i) => i.subject.id === 'pilot-review-2025-03-06')
      .map((i) => i.key);
    expect(keys.sort()).toEqual(['pilot-review-2025-03-04/meeting/#0', 'pilot-review-2025-03-04/meeting/#1']);
  });
});

describe('composed messages', () => {
  it('sends one message per person per day, grouping that day’s reminders', () => {
    const state = stateOf();
    const items = dueItems(state, planCalendar(state.agreement), END);
    const messages = composeMessages(state, items);
    const perDayPerson = new Set(items.flatMap((i) => i.to.map((p) => `${i.day}|${p}`)));
    expect(messages).toHaveLength(perDayPerson.size);
    for (const { message, keys } of messages) {
      expect(message.items.length).toBe(keys.length);
      expect(message.messageId).toBe(reminderMessageId(state.agreement.id, message.day, message.recipient.id, keys));
      for (const item of message.items.filter((i) => i.invitation)) {
        expect(item.invitation!.uid).toBe(`${item.subject.id}@${state.agreement.id}.pacte`);
      }
    }
  });

  it('derives Message-IDs deterministically, independent of order, distinct per person and day', () => {
    const a = reminderMessageId('valserhone-2025', '2025-06-03', 'ref-cnfpt', ['x/1', 'y/2']);
    expect(reminderMessageId('valserhone-2025', '2025-06-03', 'ref-cnfpt', ['y/2', 'x/1'])).toBe(a);
    expect(reminderMessageId('valserhone-2025', '2025-06-03', 'ref-cc', ['x/1', 'y/2'])).not.toBe(a);
    expect(reminderMessageId('valserhone-2025', '2025-06-04', 'ref-cnfpt', ['x/1', 'y/2'])).not.toBe(a);
    expect(a).toMatch(/^<[0-9a-f]{8}\.2025-06-03\.ref-cnfpt@valserhone-2025\.pacte>$/);
  });
});

describe('invitation changes', () => {
  const sent = (agreementId: string, entry: Parameters<typeof heldInvitation>[1]) => heldInvitation(agreementId, entry);
  const now = { at: '2025-02-26T12:00:00.000+01:00', day: '2025-02-26' };

  it('updates a moved occurrence under its UID with SEQUENCE 1, to its holders only', () => {
    const before = planCalendar(cot());
    const entry = before.entries.find((e) => e.id === 'pilot-review-2025-03-04')!;
    const state = stateOf(cot(), { invitations: sent('cot-77', entry) });
    const amended = cot();
    amended.meetings['pilot-review'] = { ...amended.meetings['pilot-review']!, rrule: 'FREQ=MONTHLY;BYDAY=1TH' };
    const after = planCalendar(amended);
    const changes = meetingChanges({ ...state, agreement: amended }, before, after, now, true);
    expect(changes.items.map((i) => [i.purpose, i.to, i.subject.date])).toEqual([
      ['meeting-update', ['pilote-1', 'ref-cnfpt'], '2025-03-06'],
    ]);
    expect(changes.uidAliases).toEqual({ 'pilot-review-2025-03-06': 'pilot-review-2025-03-04' });
    expect(changes.invitations[`${entry.id}@cot-77.pacte`]).toMatchObject({
      sequence: 1,
      entryId: 'pilot-review-2025-03-06',
    });
  });

  it('cancels an occurrence that a notice removes, and never moves it', () => {
    const before = planCalendar(cot());
    const entry = before.entries.find((e) => e.id === 'pilot-review-2025-03-04')!;
    const state = stateOf(cot(), { invitations: sent('cot-77', entry) });
    const after = planCalendar(cot(), { notice: { givenOn: '2024-12-01', byParty: 'cc' } });
    const changes = meetingChanges(state, before, after, now, false);
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0]).toMatchObject({
      purpose: 'meeting-cancel',
      to: ['pilote-1', 'ref-cnfpt'],
      invitation: { method: 'CANCEL', sequence: 1 },
    });
  });

  it('changes nothing when the occurrence is unchanged', () => {
    const calendar = planCalendar(conventionCadre());
    const entry = calendar.entries.find((e) => e.type === 'annual-review')!;
    const state = stateOf(conventionCadre(), {
      plannedFrom: '2025-01-15T00:00:00.000+01:00',
      invitations: sent('valserhone-2025', entry),
    });
    expect(meetingChanges(state, calendar, calendar, now, true).items).toEqual([]);
  });
});
