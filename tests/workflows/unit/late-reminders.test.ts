/**
 * Catching up after a gap (issue 14 item 6): of the reminders due while the lifecycle was away,
 * only the latest of each item still ahead is sent, marked late; earlier ones and those of items
 * already past are dropped; notifications tied to no later item are sent, late; on-time
 * reminders are untouched.
 */
import { describe, expect, it } from 'vitest';
import type { DueItem } from '../../../workflows/due-items';
import { catchUp, LATE_AFTER_MS } from '../../../workflows/late-reminders';

const H = 3_600_000;
const NOW = Date.parse('2026-03-02T12:00:00+01:00');
const iso = (ms: number) => new Date(ms).toISOString();

function item(
  key: string,
  subjectId: string,
  atMs: number,
  subjectAtMs: number,
  purpose: DueItem['purpose'] = 'meeting',
): DueItem {
  return {
    key,
    reminderId: key,
    purpose,
    at: iso(atMs),
    day: iso(atMs).slice(0, 10),
    to: ['p'],
    subject: { id: subjectId, type: 't', title: subjectId, date: iso(subjectAtMs).slice(0, 10), at: iso(subjectAtMs) },
  };
}

describe('catching up after a gap', () => {
  it('keeps the latest missed reminder of each item ahead, marked late', () => {
    const d7 = item('m1/#1', 'm1', NOW - 6 * 24 * H, NOW + 24 * H);
    const d1 = item('m1/#0', 'm1', NOW - 3 * H, NOW + 24 * H);
    const past = item('m0/#0', 'm0', NOW - 30 * H, NOW - 2 * H);
    const escalation = item('esc', 'esc', NOW - 5 * H, NOW - 5 * H, 'project-sheet-escalation');
    const onTime = item('m2/#0', 'm2', NOW - LATE_AFTER_MS / 2, NOW + 48 * H);
    const { send, drop } = catchUp([d7, past, escalation, d1, onTime], NOW);
    expect(send.map((i) => [i.key, i.late?.plannedOn])).toEqual([
      ['esc', escalation.day],
      ['m1/#0', d1.day],
      ['m2/#0', undefined],
    ]);
    expect(drop.map((i) => i.key).sort()).toEqual(['m0/#0', 'm1/#1']);
  });

  it('keeps the latest missed tracking-table reminder of each axis, not of the meeting only', () => {
    const axis = (id: string) => ({ id, title: id, pilots: [], projects: [] });
    const of = (key: string, axisId: string, atMs: number): DueItem => ({
      ...item(key, 'm1', atMs, NOW + 24 * H, 'tracking-table'),
      details: { axis: axis(axisId) },
    });
    const a1 = of('m1/tracking-table/axe-1/early', 'axe-1', NOW - 9 * 24 * H);
    const a1late = of('m1/tracking-table/axe-1', 'axe-1', NOW - 6 * 24 * H);
    const a2 = of('m1/tracking-table/axe-2', 'axe-2', NOW - 6 * 24 * H);
    const { send, drop } = catchUp([a1, a1late, a2], NOW);
    expect(send.map((i) => i.key).sort()).toEqual(['m1/tracking-table/axe-1', 'm1/tracking-table/axe-2']);
    expect(drop.map((i) => i.key)).toEqual(['m1/tracking-table/axe-1/early']);
  });

  it('changes nothing when nothing is late', () => {
    const a = item('a', 'a', NOW, NOW + H);
    const b = item('b', 'b', NOW - 60_000, NOW + H, 'indicators');
    expect(catchUp([a, b], NOW)).toEqual({ send: [b, a], drop: [] });
  });
});
