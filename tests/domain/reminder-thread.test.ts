/**
 * A reminder's thread (domain/reminder-thread.ts): the census of a year, a project sheet, the
 * indicators of an annual review, the follow-ups of a meeting; nothing else can be postponed.
 */
import { describe, expect, it } from 'vitest';
import { parseThread, snoozeUntil, threadOf } from '../../domain/reminder-thread';

const item = (purpose: string, id: string, censusYear?: number) => ({
  purpose,
  subject: { id },
  ...(censusYear !== undefined ? { details: { censusYear } } : {}),
});

describe('reminder threads', () => {
  it('maps each purpose that asks something to its thread', () => {
    expect(threadOf(item('census-open', 'census-open-2026', 2026))).toBe('census/2026');
    expect(threadOf(item('census-deadline', 'census-deadline-2026', 2026))).toBe('census/2026');
    expect(threadOf(item('project-sheet', 'sheet-2026-mobilite-douce', 2026))).toBe('sheet/2026/mobilite-douce');
    expect(threadOf(item('indicators', 'annual-review-2026-06-01'))).toBe('indicators/annual-review-2026-06-01');
    expect(threadOf(item('meeting-followup', 'cot-2026-03-04'))).toBe('followup/cot-2026-03-04');
    expect(threadOf(item('tracking-table-late', 'cot-2026-03-04'))).toBe('followup/cot-2026-03-04');
  });

  it('gives no thread to invitations, notices, renewal, disputes, escalations', () => {
    for (const purpose of [
      'meeting',
      'meeting-update',
      'meeting-cancel',
      'notice',
      'renewal-window',
      'dispute',
      'project-sheet-escalation',
      'project-sheet-below-minimum',
      'census-launch',
    ])
      expect(threadOf(item(purpose, 'x-2026', 2026)), purpose).toBeUndefined();
    // A census reminder without its year, a sheet id not of the form: none either.
    expect(threadOf(item('census-open', 'census-open'))).toBeUndefined();
    expect(threadOf(item('project-sheet', 'escalation-2026-01-01'))).toBeUndefined();
  });

  it('reads a thread back into its parts, and nothing else', () => {
    expect(parseThread('census/2026')).toEqual({ kind: 'census', year: 2026 });
    expect(parseThread('sheet/2026/a-b')).toEqual({ kind: 'sheet', year: 2026, projectId: 'a-b' });
    expect(parseThread('indicators/e1')).toEqual({ kind: 'indicators', entryId: 'e1' });
    expect(parseThread('followup/e1')).toEqual({ kind: 'followup', entryId: 'e1' });
    expect(parseThread('meeting/e1')).toBeUndefined();
    expect(parseThread('census/26')).toBeUndefined();
  });

  it('ends a snooze days later at the same local time, across a change to winter time', () => {
    const friday = Date.parse('2026-10-23T09:15:00+02:00');
    expect(snoozeUntil(friday, 3, 'Europe/Paris')).toBe('2026-10-26T09:15:00.000+01:00');
    expect(snoozeUntil(Date.parse('2026-12-07T09:15:00+01:00'), 3, 'Europe/Paris')).toBe(
      '2026-12-10T09:15:00.000+01:00',
    );
  });
});
