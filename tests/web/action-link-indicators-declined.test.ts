/**
 * The « indicateurs envoyés » and « ce rappel ne me concerne plus » links, as data: where their
 * item stands (web/action-links/target.ts), the input a confirmation builds (input.ts), who may
 * record the indicators on the web (access/policy.ts), and the referents' item the lifecycle
 * queues (workflows/due-items.ts). Pure: Terre Valserhône as written, its calendar planned.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleState } from '../../contracts/lifecycle-state';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { CalendarEntry } from '../../domain/calendar-types';
import { DeclineReminderInput, IndicatorsInput } from '../../domain/operations';
import { canAct } from '../../web/access/policy';
import { operationInput } from '../../web/action-links/input';
import { targetOf } from '../../web/action-links/target';
import { declinableReminder, declinedItem } from '../../workflows/due-items';
import { exampleAgreement } from '../support/lifecycle-env';

const NOW = Date.parse('2025-03-02T10:00:00Z');
const CONTACT = 'formation-terre-valserhone';
let agreement: Agreement;
let review: CalendarEntry;

beforeAll(async () => {
  agreement = await exampleAgreement('convention-cadre-terre-valserhone', 0);
  review = planCalendar(agreement).entries.find((e) => e.type === 'annual-review')!;
});

function view(overrides: Partial<LifecycleView> = {}): LifecycleView {
  return {
    agreementId: agreement.id,
    title: agreement.title,
    version: 1,
    phase: 'active',
    timezone: 'Europe/Paris',
    census: [],
    pendingSheets: [],
    overdueSheets: [],
    submittedSheets: [],
    meetings: [],
    nextEvents: [],
    journal: [],
    ...overrides,
  } as LifecycleView;
}

const claims = (c: Pick<ActionLinkClaims, 'act' | 'item'> & Partial<ActionLinkClaims>): ActionLinkClaims => ({
  agr: agreement.id,
  sub: CONTACT,
  ver: 1,
  iat: 0,
  exp: 0,
  ...c,
});

describe('« indicators sent »', () => {
  it('is open to the training contact and the referents, done once recorded, refused to others, gone for no indicators', () => {
    const c = claims({ act: 'indicators-sent', item: review.id });
    expect(targetOf(c, view(), agreement, NOW)).toMatchObject({
      kind: 'open',
      operation: 'recordIndicators',
      item: { indicators: { entryId: review.id, dueOn: review.indicatorsDueOn } },
    });
    expect(targetOf({ ...c, sub: 'ref-cnfpt' }, view(), agreement, NOW)).toMatchObject({ kind: 'open' });
    expect(targetOf({ ...c, sub: 'sign-cnfpt' }, view(), agreement, NOW)).toEqual({ kind: 'refused' });
    expect(targetOf({ ...c, item: 'annual-review-1999-01-01' }, view(), agreement, NOW)).toEqual({ kind: 'gone' });
    const recorded = view({
      indicators: [{ entryId: review.id, sentOn: '2025-11-12' }],
      journal: [
        {
          at: '2025-11-12T10:00:00+01:00',
          operation: 'recordIndicators',
          summary: {
            kind: 'indicators-recorded',
            entryId: review.id,
            title: review.title,
            date: review.date,
            dueOn: review.indicatorsDueOn!,
            sentOn: '2025-11-12',
          },
          recordedBy: { via: 'email-link', personId: CONTACT },
        },
      ],
    });
    expect(targetOf(c, recorded, agreement, NOW)).toMatchObject({
      kind: 'done',
      on: '2025-11-12',
      byName: 'Sophie Bernard',
    });
  });

  it('builds the input from the link and an optional https address, refusing any other', () => {
    const c = claims({ act: 'indicators-sent', item: review.id });
    expect(operationInput(c, 'recordIndicators', {})).toEqual({
      ok: true,
      input: { recordedBy: { via: 'email-link', personId: CONTACT }, entryId: review.id },
    });
    expect(operationInput(c, 'recordIndicators', { url: ' https://intranet.example.org/i ' })).toMatchObject({
      ok: true,
      input: { url: 'https://intranet.example.org/i' },
    });
    const bad = operationInput(c, 'recordIndicators', { url: 'ftp://intranet.example.org/i' });
    expect(bad).toEqual({ ok: false, errors: { url: expect.stringContaining('https://') } });
    expect(
      IndicatorsInput.safeParse({ entryId: review.id, url: 'http://x.example.org' }).error?.issues[0],
    ).toMatchObject({ path: ['url'], message: 'not an https:// URL' });
  });

  it('may be recorded on the web by the training contact, not by a signatory', () => {
    const as = (id: string) => ({ email: agreement.people.find((p) => p.id === id)!.email, isAdmin: false });
    const action = { op: 'indicators-sent', entryId: review.id } as const;
    expect(canAct(agreement, as(CONTACT), action)).toBe(true);
    expect(canAct(agreement, as('sign-cnfpt'), action)).toBe(false);
    expect(canAct(agreement, as(CONTACT), { op: 'indicators-sent', entryId: 'nothing-2025-01-01' })).toBe(false);
  });
});

describe('« not concerned »', () => {
  const item = () => `indicators:${review.id}`;

  it('is open to a recipient of the reminder, done once said, refused to others, gone for an unknown subject', () => {
    const c = claims({ act: 'not-concerned', item: item() });
    expect(targetOf(c, view(), agreement, NOW)).toMatchObject({
      kind: 'open',
      operation: 'declineReminder',
      item: { reminder: { purpose: 'indicators', subjectId: review.id, title: review.title, date: review.date } },
    });
    // The referents get the meeting's reminders, not its indicators'.
    expect(targetOf({ ...c, sub: 'ref-cnfpt' }, view(), agreement, NOW)).toEqual({ kind: 'refused' });
    expect(targetOf({ ...c, sub: 'ref-cnfpt', item: `meeting:${review.id}` }, view(), agreement, NOW)).toMatchObject({
      kind: 'open',
    });
    expect(targetOf({ ...c, item: 'indicators:nothing' }, view(), agreement, NOW)).toEqual({ kind: 'gone' });
    expect(targetOf({ ...c, item: 'no-colon' }, view(), agreement, NOW)).toEqual({ kind: 'gone' });
    const said = view({
      declinedReminders: [{ purpose: 'indicators', subjectId: review.id, personId: CONTACT, declaredOn: '2025-11-12' }],
    });
    expect(targetOf(c, said, agreement, NOW)).toMatchObject({ kind: 'done', on: '2025-11-12' });
    // Said by someone else: still open for her.
    const other = view({
      declinedReminders: [{ purpose: 'indicators', subjectId: review.id, personId: 'x', declaredOn: '2025-11-12' }],
    });
    expect(targetOf(c, other, agreement, NOW)).toMatchObject({ kind: 'open' });
  });

  it('a project sheet reminder: its leads only', () => {
    const sheet = {
      projectId: 'eau',
      title: 'Gestion de l’eau',
      censusYear: 2025,
      leads: [CONTACT],
      notifiedOn: '2025-10-01',
      dueOn: '2025-11-01',
      dueAt: '2025-11-01T09:00:00Z',
      escalateAt: '2025-11-10T09:00:00Z',
      reminders: [],
    };
    const c = claims({ act: 'not-concerned', item: 'project-sheet:sheet-2025-eau' });
    expect(targetOf(c, view({ pendingSheets: [sheet] }), agreement, NOW)).toMatchObject({
      kind: 'open',
      item: { reminder: { title: 'Gestion de l’eau', date: '2025-11-01' } },
    });
    expect(targetOf({ ...c, sub: 'ref-cnfpt' }, view({ pendingSheets: [sheet] }), agreement, NOW)).toEqual({
      kind: 'refused',
    });
  });

  it('builds the declaration for the link’s person, with a reason of 500 characters at most', () => {
    const c = claims({ act: 'not-concerned', item: item() });
    expect(operationInput(c, 'declineReminder', { reason: ' Changé de service. ' })).toEqual({
      ok: true,
      input: {
        recordedBy: { via: 'email-link', personId: CONTACT },
        purpose: 'indicators',
        subjectId: review.id,
        personId: CONTACT,
        reason: 'Changé de service.',
      },
    });
    expect(operationInput(c, 'declineReminder', { reason: 'x'.repeat(501) })).toEqual({
      ok: false,
      errors: { reason: expect.stringContaining('500 caractères') },
    });
    expect(
      DeclineReminderInput.safeParse({ purpose: 'dispute', subjectId: 'x', personId: CONTACT }).error?.issues[0]?.path,
    ).toEqual(['purpose']);
  });

  it('the referents’ item: both referents, the reminder’s subject and article, who and why', () => {
    const state = { agreement, sheets: [] } as unknown as LifecycleState;
    const calendar = planCalendar(agreement);
    const reminder = declinableReminder(state, calendar, 'indicators', review.id)!;
    expect(reminder.to).toEqual([CONTACT]);
    expect(reminder.subject).toMatchObject({ id: review.id, date: review.date, article: 'art. 8' });
    expect(declinableReminder(state, calendar, 'meeting', review.id)?.subject.article).toBe('art. 7');
    expect(declinableReminder(state, calendar, 'indicators', 'nothing')).toBeUndefined();
    const now = { at: '2025-11-12T10:00:00+01:00', day: '2025-11-12' };
    const item = declinedItem(agreement, { purpose: 'indicators', personId: CONTACT, reason: 'R' }, reminder, now);
    expect(item).toMatchObject({
      key: `indicators:${review.id}/reminder-declined/${CONTACT}`,
      purpose: 'reminder-declined',
      at: now.at,
      day: now.day,
      to: ['ref-cnfpt', 'ref-terre-valserhone'],
      details: { declined: { personName: 'Sophie Bernard', purpose: 'indicators', reason: 'R' } },
    });
    // Ids only in what names the item (keys travel in the state and the e-mail's headers).
    expect(item.key).not.toMatch(/Sophie|Bernard|@/);
  });
});
