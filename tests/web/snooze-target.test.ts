/**
 * Where a « me le rappeler dans 3 jours » link stands (web/action-links/snooze-target.ts) and the
 * input it builds, from a lifecycle's `state` answer as data: open while the thread has a
 * reminder for the person; done once snoozed since the link's e-mail (a later e-mail's link is
 * open again); refused for someone the thread's reminders do not go to; gone when nothing is
 * left, for another version, or for an item that is no thread. Pure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import type { Agreement } from '../../domain/agreement';
import { operationInput } from '../../web/action-links/input';
import { targetOf } from '../../web/action-links/target';
import { placeSnoozeCensus } from '../support/snooze-placement';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const PILOT = 'ref-terre-valserhone';
let agreement: Agreement;
let thread: string;

beforeAll(async () => {
  const placed = await placeSnoozeCensus('demo-report-rappel', NOW);
  agreement = placed.agreement;
  thread = `census/${placed.year}`;
});

const reminders = (personId: string) => ({
  thread,
  personId,
  title: 'Recensement',
  next: '2026-03-06T09:00:00.000Z',
  last: '2026-03-13T09:00:00.000Z',
  dueOn: '2026-03-14',
});

function view(overrides: Partial<LifecycleView> = {}): LifecycleView {
  return {
    agreementId: agreement.id,
    title: agreement.title,
    version: 1,
    phase: 'active',
    timezone: 'UTC',
    threads: [reminders(PILOT), reminders('ref-cnfpt')],
    snoozes: [],
    ...overrides,
  } as LifecycleView;
}

const claims = (c: Partial<ActionLinkClaims> = {}): ActionLinkClaims => ({
  agr: 'demo-report-rappel',
  item: thread,
  act: 'snooze',
  sub: PILOT,
  ver: 1,
  iat: Math.floor(Date.parse('2026-03-02T09:00:00Z') / 1000),
  exp: 0,
  ...c,
});

describe('a snooze link’s target', () => {
  it('is open while the thread has a reminder for the person, and says when a snooze now would end', () => {
    const target = targetOf(claims(), view(), agreement, NOW);
    expect(target).toMatchObject({
      kind: 'open',
      operation: 'snoozeReminders',
      item: {
        label: expect.stringContaining('Recensement des demandes de formation'),
        snooze: { thread, next: '2026-03-06T09:00:00.000Z', last: '2026-03-13T09:00:00.000Z', dueOn: '2026-03-14' },
      },
    });
    expect(target.kind === 'open' && target.item.snooze?.until).toBe('2026-03-05T10:00:00.000Z');
  });

  it('is done once snoozed since the link’s e-mail; a later e-mail’s link is open again', () => {
    const snoozes = [
      { thread, personId: PILOT, at: '2026-03-02T09:30:00.000Z', until: '2026-03-05T09:30:00.000Z', keep: 'k' },
    ];
    expect(targetOf(claims(), view({ snoozes }), agreement, NOW)).toMatchObject({
      kind: 'done',
      snoozed: { until: '2026-03-05T09:30:00.000Z', next: '2026-03-06T09:00:00.000Z', nextIsLast: false },
    });
    const later = claims({ iat: Math.floor(Date.parse('2026-03-05T09:30:00Z') / 1000) });
    expect(targetOf(later, view({ snoozes }), agreement, NOW).kind).toBe('open');
    // Another person's snooze of the same thread is not this link's.
    const theirs = [{ ...snoozes[0]!, personId: 'ref-cnfpt' }];
    expect(targetOf(claims(), view({ snoozes: theirs }), agreement, NOW).kind).toBe('open');
  });

  it('is refused for a person the thread’s reminders do not go to; gone when none is left', () => {
    expect(targetOf(claims({ sub: 'formation-terre-valserhone' }), view(), agreement, NOW).kind).toBe('refused');
    expect(targetOf(claims(), view({ threads: [] }), agreement, NOW).kind).toBe('gone');
    expect(targetOf(claims(), view({ version: 2 }), agreement, NOW).kind).toBe('gone');
    expect(targetOf(claims({ item: 'meeting/x' }), view(), agreement, NOW).kind).toBe('gone');
    // An older worker's answer, without threads: gone, never open.
    expect(targetOf(claims(), view({ threads: undefined }), agreement, NOW).kind).toBe('gone');
  });

  it('builds the operation’s input: the thread, the person, three days, through the link', () => {
    expect(operationInput(claims(), 'snoozeReminders', {})).toEqual({
      ok: true,
      input: { recordedBy: { via: 'email-link', personId: PILOT }, thread, personId: PILOT, days: 3 },
    });
  });
});
