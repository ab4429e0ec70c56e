/**
 * Who hears of an axis's tracking table in the Seine-et-Marne COT (annex 3), pure: the monthly
 * reminder before each pilot review goes to each axis's project leads apart, and a late table to
 * the pilots and leads of the axes named, never to another axis's (issue 14 item 5).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../../domain/agreement';
import { planCalendar } from '../../../domain/calendar';
import { parseAgreement } from '../../../domain/parse-agreement';
import { trackingTableItems } from '../../../workflows/due-items';

const FILE = fileURLToPath(new URL('../../../examples/agreements/cot-seine-et-marne.yaml', import.meta.url));

function cot(): Agreement {
  const parsed = parseAgreement(YAML.parse(readFileSync(FILE, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.agreement;
}

/** The leads of an axis whose project runs in `year` (the file's `years`). */
function leadsIn(agreement: Agreement, axisId: string, year: number): string[] {
  const axis = agreement.axes.find((a) => a.id === axisId)!;
  return axis.projects.filter((p) => !p.years || p.years.includes(year)).flatMap((p) => p.leads);
}

describe('tracking table recipients (COT annex 3)', () => {
  const agreement = cot();
  const reviews = planCalendar(agreement).entries.filter((e) => e.type === 'pilot-review');
  const now = { at: '2011-03-02T16:00:00+01:00', day: '2011-03-02' as const };

  it('reminds each axis’s project leads before every pilot review, of their own axis only', () => {
    expect(reviews.length).toBeGreaterThan(40);
    // The first review (5 October 2010) is four days after the signature: no reminder a week before it.
    expect(reviews[0]!.reminders.some((r) => r.purpose === 'tracking-table')).toBe(false);
    for (const review of reviews.slice(1)) {
      const year = Number(review.date.slice(0, 4));
      const reports = review.reminders.filter((r) => r.purpose === 'tracking-table');
      const withLeads = agreement.axes.filter((a) => leadsIn(agreement, a.id, year).length > 0);
      expect(reports.map((r) => r.axis).sort()).toEqual(withLeads.map((a) => a.id).sort());
      for (const report of reports) {
        expect(report.to).toEqual([...leadsIn(agreement, report.axis!, year)].sort());
        expect(report.id).toBe(`${review.id}/tracking-table/${report.axis}/${report.date}`);
        expect(report.date < review.date).toBe(true);
      }
    }
    // E-learning (axis 1) runs from 2011: its lead is not reminded in 2010, then is.
    const lead = 'cdp-elearning';
    const reached = (year: string) =>
      reviews
        .filter((r) => r.date.startsWith(year))
        .some((r) => r.reminders.some((m) => m.purpose === 'tracking-table' && m.to.includes(lead)));
    expect(reached('2010')).toBe(false);
    expect(reached('2011')).toBe(true);
  });

  it('tells a late table to the pilots and leads of the axes named, one item per axis', () => {
    const review = reviews.find((r) => r.date.startsWith('2011-03'))!;
    const items = trackingTableItems(agreement, review, now, ['axe-2', 'axe-3']);
    expect(items.map((i) => i.key)).toEqual([
      `${review.id}/tracking-table-late/axe-2/2011-03-02`,
      `${review.id}/tracking-table-late/axe-3/2011-03-02`,
    ]);
    expect(items[0]!.to).toEqual(
      ['cdp-concours', 'cdp-illettrisme', 'cdp-reconversions', 'pilote-cg-axe-2', 'pilote-cnfpt-axe-2'].sort(),
    );
    // Fonction accueil runs from 2012: its lead is not told in 2011.
    expect(items[1]!.to).toEqual(['cdp-relation-service', 'pilote-cg-axe-3', 'pilote-cnfpt-axe-3']);
    expect(items[1]!.details?.axis?.pilots).toEqual(['Vaea Castaing', 'Véronique Perret']);
    const axis1 = [...leadsIn(agreement, 'axe-1', 2011), 'pilote-cg-axe-1'];
    for (const item of items) for (const person of axis1) expect(item.to).not.toContain(person);
  });

  it('tells the pilots alone when no axis is named, and keeps the pre-v8 recipients for older runs', () => {
    const review = reviews[5]!;
    const [pilotsOnly] = trackingTableItems(agreement, review, now, []);
    expect(pilotsOnly!.to).toEqual(
      [
        'pilote-cg-axe-1',
        'pilote-cg-axe-2',
        'pilote-cg-axe-3',
        'pilote-cnfpt-axe-2',
        'pilote-cnfpt-axe-3',
        'ref-cnfpt',
      ].sort(),
    );
    const [legacy] = trackingTableItems(agreement, review, now, undefined);
    expect(legacy!.to).toContain('cdp-managers');
    expect(legacy!.to).toContain('cdp-accueil');
    expect(legacy!.key).toBe(`${review.id}/tracking-table-late/2011-03-02`);
  });
});
