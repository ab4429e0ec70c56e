/**
 * Who gets which attachment, decided by the workflow's pure code: a deadline is never an
 * invitation, an invitation goes only to the meeting's attendees, the organizer is the person the
 * file names (default: the CNFPT referent) and gets her own copy without being asked to answer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAgreementText } from '../../../client/agreement-file';
import { planCalendar } from '../../../domain/calendar';
import { agreementHeader, composeMessages, organizerOf } from '../../../workflows/compose-messages';
import { dueItems } from '../../../workflows/due-items';
import { initialLifecycleState, type LifecycleState } from '../../../contracts/lifecycle-state';
import { meetingChanges } from '../../../workflows/meeting-changes';
import type { Agreement } from '../../../domain/agreement';
import { heldInvitation } from '../../support/held-invitations';
import { conventionCadre, cot } from '../../domain/fixtures';

function stateOf(agreement: Agreement, over: Partial<LifecycleState> = {}): LifecycleState {
  return { ...initialLifecycleState({ agreement }, '2025-01-06T00:00:00.000+01:00'), ...over };
}
const END = Date.parse('2029-01-01T00:00:00+01:00');

function messagesOf(agreement: Agreement) {
  const state = stateOf(agreement);
  const calendar = planCalendar(agreement);
  return { state, calendar, messages: composeMessages(state, dueItems(state, calendar, END)).map((m) => m.message) };
}

describe('a deadline is never an invitation', () => {
  it('the indicators reminder to the training contact carries no meeting and no invitation', () => {
    const { state, calendar, messages } = messagesOf(conventionCadre());
    const indicators = dueItems(state, calendar, END).filter((i) => i.purpose === 'indicators');
    expect(indicators.length).toBeGreaterThan(0);
    for (const item of indicators) expect(item.meeting).toBeUndefined();
    const toTrainingContact = messages.filter((m) => m.recipient.id === 'rf-cc');
    expect(toTrainingContact.flatMap((m) => m.items.map((i) => i.purpose))).toContain('indicators');
    for (const message of toTrainingContact) for (const item of message.items) expect(item.invitation).toBeUndefined();
  });

  it('only meeting reminders carry an invitation, and only to the meeting’s attendees', () => {
    const { calendar, messages } = messagesOf(cot());
    const attendeesOf = new Map(calendar.entries.map((e) => [e.id, e.attendees]));
    let invitations = 0;
    for (const message of messages) {
      for (const item of message.items) {
        if (!item.invitation) continue;
        invitations += 1;
        expect(item.purpose).toBe('meeting');
        expect(attendeesOf.get(item.subject.id)).toContain(message.recipient.id);
      }
    }
    expect(invitations).toBeGreaterThan(0);
    // Every meeting reminder to an attendee does carry it.
    for (const message of messages)
      for (const item of message.items.filter((i) => i.purpose === 'meeting'))
        expect(item.invitation?.uid).toMatch(/@cot-77\.pacte$/);
  });
});

describe('the organizer', () => {
  it('defaults to the CNFPT referent, not the first referent by id', () => {
    // ref-cc sorts before ref-cnfpt: the old rule picked the authority's referent.
    expect(organizerOf(conventionCadre()).id).toBe('ref-cnfpt');
  });

  it('is the person the file names', () => {
    expect(organizerOf(conventionCadre({ organizer: 'ref-cc' })).id).toBe('ref-cc');
  });

  it('falls back to the first referent when no party id starts with cnfpt', () => {
    const agreement = conventionCadre();
    const renamed = {
      ...agreement,
      parties: agreement.parties.map((p) => (p.id === 'cnfpt' ? { ...p, id: 'delegation' } : p)),
      people: agreement.people.map((p) => (p.party === 'cnfpt' ? { ...p, party: 'delegation' } : p)),
    };
    expect(organizerOf(renamed).id).toBe('ref-cc');
  });

  it('in the examples: the CNFPT referent where a CNFPT party exists, else the first referent by id (Brittany)', () => {
    const dir = fileURLToPath(new URL('../../../examples/agreements/', import.meta.url));
    const organizers = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => {
          const parsed = parseAgreementText(readFileSync(join(dir, f), 'utf8'), f);
          if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
          return [f, organizerOf(parsed.agreement).id];
        }),
    );
    expect(organizers).toEqual({
      'convention-cadre-terre-valserhone.yaml': 'ref-cnfpt',
      'cot-seine-et-marne.yaml': 'ref-cnfpt',
      'plan-action-vaucluse.yaml': 'ref-cnfpt',
      // Four CDGs, no CNFPT party, no `organizer` written: the documented fallback.
      'schema-cooperation-cdg-bretagne.yaml': 'dir-cdg22',
    });
  });

  it('is ORGANIZER of every invitation, never an ATTENDEE, and is the Reply-To of every message', () => {
    const agreement = conventionCadre({ organizer: 'ref-cc' });
    const { messages } = messagesOf(agreement);
    expect(agreementHeader(agreement).organizer).toMatchObject({
      id: 'ref-cc',
      email: 'dominique.bernard@example.org',
    });
    for (const message of messages) {
      expect(message.agreement.organizer?.id).toBe('ref-cc');
      for (const invitation of message.items.flatMap((i) => (i.invitation ? [i.invitation] : []))) {
        expect(invitation.organizer.id).toBe('ref-cc');
        expect(invitation.attendees.map((a) => a.id)).not.toContain('ref-cc');
      }
    }
  });

  it('gets her own meeting as METHOD:PUBLISH without attendees; the attendees get a REQUEST', () => {
    const { messages } = messagesOf(conventionCadre());
    const meetingItems = messages.flatMap((m) =>
      m.items.filter((i) => i.purpose === 'meeting').map((item) => ({ to: m.recipient.id, item })),
    );
    const own = meetingItems.filter((m) => m.to === 'ref-cnfpt');
    const others = meetingItems.filter((m) => m.to !== 'ref-cnfpt');
    expect(own.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    for (const { item } of own) expect(item.invitation).toMatchObject({ method: 'PUBLISH', attendees: [] });
    for (const { item } of others) {
      expect(item.invitation?.method).toBe('REQUEST');
      expect(item.invitation?.attendees.map((a) => a.id)).toContain('ref-cc');
    }
  });
});

describe('changes go to those who hold the meeting', () => {
  const now = { at: '2025-02-26T12:00:00.000+01:00', day: '2025-02-26' };

  it('a cancellation goes to the holders only; the organizer cancels, she is not a cancelled attendee', () => {
    const before = planCalendar(cot());
    const entry = before.entries.find((e) => e.id === 'pilot-review-2025-03-04')!;
    const state = stateOf(cot(), { invitations: heldInvitation('cot-77', entry) });
    const after = planCalendar(cot(), { notice: { givenOn: '2024-12-01', byParty: 'cc' } });
    const [cancel] = meetingChanges(state, before, after, now, false).items;
    expect(cancel?.to).toEqual(['pilote-1', 'ref-cnfpt']);
    expect(cancel?.invitation?.organizer.id).toBe('ref-cnfpt');
    expect(cancel?.invitation?.attendees.map((a) => a.id)).toEqual(['pilote-1']);
    const composed = composeMessages(state, [cancel!]).map((m) => [
      m.message.recipient.id,
      m.message.items[0]?.invitation?.method,
    ]);
    expect(composed).toEqual([
      ['pilote-1', 'CANCEL'],
      ['ref-cnfpt', 'CANCEL'],
    ]);
  });
});
