/**
 * Where a checked link's item stands (web/action-links/target.ts) and the operation input a
 * confirmation builds (web/action-links/input.ts), from a lifecycle's state as data: open, done
 * (with who, when the journal says), not yet, gone, refused; French field errors, nothing built
 * from a bad form. Pure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionLinkClaims } from '../../contracts/action-link';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import type { Agreement } from '../../domain/agreement';
import { operationInput } from '../../web/action-links/input';
import { targetOf } from '../../web/action-links/target';
import { placeCensus } from '../support/census-link-placement';

const NOW = Date.parse('2026-03-02T10:00:00Z');
let agreement: Agreement;
let year: number;

beforeAll(async () => {
  const placed = await placeCensus('demo-liens-action', NOW);
  agreement = placed.agreement;
  year = placed.year;
});

function view(overrides: Partial<LifecycleView> = {}): LifecycleView {
  return {
    agreementId: agreement.id,
    title: agreement.title,
    version: 1,
    phase: 'active',
    timezone: 'UTC',
    census: [],
    pendingSheets: [],
    overdueSheets: [],
    submittedSheets: [],
    meetings: [],
    nextEvents: [],
    ...overrides,
  } as LifecycleView;
}

const claims = (c: Partial<ActionLinkClaims> = {}): ActionLinkClaims => ({
  agr: 'demo-liens-action',
  item: String(year),
  act: 'census-answered',
  sub: 'ref-terre-valserhone',
  ver: 1,
  iat: 0,
  exp: 0,
  ...c,
});

const sheet = {
  projectId: 'mobilite',
  title: 'Mobilité douce',
  censusYear: 0,
  leads: ['ref-terre-valserhone'],
  notifiedOn: '2026-03-01',
  dueOn: '2026-04-01',
  dueAt: '2026-04-01T09:00:00Z',
  escalateAt: '2026-04-10T09:00:00Z',
  reminders: [],
};

describe('targetOf', () => {
  it('an open census answer names the person and the operation', () => {
    expect(targetOf(claims(), view(), agreement, NOW)).toMatchObject({
      kind: 'open',
      operation: 'recordCensusAnswer',
      person: { name: 'Julien Moreau' },
    });
  });

  it('already answered: done, with who recorded it when the journal says so', () => {
    const answered = view({ census: [{ year, answeredOn: '2026-03-01' }] });
    expect(targetOf(claims(), answered, agreement, NOW)).toMatchObject({ kind: 'done', on: '2026-03-01' });
    expect(targetOf(claims(), answered, agreement, NOW)).not.toHaveProperty('byName');
    const journal = [
      {
        operation: 'recordCensusAnswer',
        summary: { kind: 'census-answered', year },
        recordedBy: { personId: 'ref-cnfpt' },
      },
    ];
    expect(targetOf(claims(), { ...answered, journal } as LifecycleView, agreement, NOW)).toMatchObject({
      kind: 'done',
      byName: 'Camille Martin',
    });
  });

  it('refused: a person not of this agreement, another agreement; gone: another version, an ended lifecycle', () => {
    expect(targetOf(claims({ sub: 'someone-else' }), view(), agreement, NOW)).toEqual({ kind: 'refused' });
    expect(targetOf(claims({ agr: 'valserhone-2025' }), view(), agreement, NOW)).toEqual({ kind: 'refused' });
    expect(targetOf(claims(), view({ version: 2 }), agreement, NOW)).toEqual({ kind: 'gone' });
    expect(targetOf(claims(), view({ phase: 'terminated' }), agreement, NOW)).toEqual({ kind: 'gone' });
  });

  it('a project sheet: its lead or a referent only; gone when no such sheet', () => {
    const pending = view({ pendingSheets: [{ ...sheet, censusYear: year }] });
    const link = claims({ act: 'sheet-sent', item: `${year}/mobilite` });
    expect(targetOf(link, pending, agreement, NOW)).toMatchObject({ kind: 'open', operation: 'submitProjectSheet' });
    expect(targetOf({ ...link, sub: 'ref-cnfpt' }, pending, agreement, NOW).kind).toBe('open');
    expect(targetOf({ ...link, sub: 'formation-terre-valserhone' }, pending, agreement, NOW)).toEqual({
      kind: 'refused',
    });
    expect(targetOf({ ...link, item: `${year}/autre` }, pending, agreement, NOW)).toEqual({ kind: 'gone' });
  });

  it('a meeting: not yet before it starts, open after, done once recorded', () => {
    const at = '2026-03-05T10:00:00Z';
    const ahead = view({
      nextEvents: [{ id: 'follow-up-2026-03-05', type: 'follow-up', date: '2026-03-05', at, title: 'Réunion' }],
    });
    const link = claims({ act: 'meeting-held', item: 'follow-up-2026-03-05' });
    expect(targetOf(link, ahead, agreement, NOW)).toMatchObject({ kind: 'not-yet', at });
    expect(targetOf(link, ahead, agreement, Date.parse(at) + 1).kind).toBe('open');
    const held = view({
      meetings: [{ entryId: 'follow-up-2026-03-05', type: 'follow-up', heldOn: '2026-03-05', recordedAt: at }],
    });
    expect(targetOf(link, held, agreement, NOW)).toMatchObject({ kind: 'done', on: '2026-03-05' });
  });
});

describe('operationInput', () => {
  it('records through the link, by its person, validated by the operation schema', () => {
    expect(operationInput(claims(), 'recordCensusAnswer', {})).toEqual({
      ok: true,
      input: { recordedBy: { via: 'email-link', personId: 'ref-terre-valserhone' }, year },
    });
    const meeting = claims({ act: 'tracking-table-updated', item: 'follow-up-2026-03-05' });
    expect(operationInput(meeting, 'recordMeeting', { minutesUrl: ' https://example.org/cr ' })).toMatchObject({
      ok: true,
      input: { entryId: 'follow-up-2026-03-05', minutesUrl: 'https://example.org/cr', trackingTable: 'up-to-date' },
    });
  });

  it('a bad form gets one French message per field, and no input', () => {
    const link = claims({ act: 'sheet-sent', item: `${year}/mobilite` });
    const built = operationInput(link, 'submitProjectSheet', { label: 'Mobilité', participants: '0', mode: 'avion' });
    expect(built.ok).toBe(false);
    expect(Object.keys(!built.ok ? built.errors : {}).sort()).toEqual([
      'context',
      'mode',
      'objectives',
      'participants',
      'period',
      'place',
    ]);
    const meeting = operationInput(claims({ act: 'meeting-held', item: 'x' }), 'recordMeeting', { minutesUrl: 'cr' });
    expect(meeting).toEqual({ ok: false, errors: { minutesUrl: expect.stringContaining('adresse web') } });
  });
});
