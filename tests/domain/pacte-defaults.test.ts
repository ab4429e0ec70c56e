/**
 * The values an agreement takes from Pacte's defaults that no source gives (issue 14 item 1),
 * pure: listed for a short file, none for the examples (which write them, as the partners'
 * choice), and never the defaults a source gives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { pacteDefaultsUsed } from '../../domain/pacte-defaults';
import { renderPlanTable } from '../../client/render/plan-table';
import { parseAgreement } from '../../domain/parse-agreement';
import { planCalendar } from '../../domain/calendar';

const EXAMPLES = fileURLToPath(new URL('../../examples/agreements/', import.meta.url));

/** The shortest convention cadre the schema takes: everything else from its kind. */
const SHORT = {
  id: 'short-2026',
  kind: 'convention-cadre',
  title: 'Convention courte',
  parties: [
    { id: 'cnfpt-ara', name: 'CNFPT' },
    { id: 'ville', name: 'Ville' },
  ],
  people: [
    { id: 'ref-cnfpt', name: 'A B', email: 'a@example.org', party: 'cnfpt-ara', roles: ['referent'] },
    { id: 'ref-ville', name: 'C D', email: 'c@example.org', party: 'ville', roles: ['referent', 'training-contact'] },
  ],
  term: { signedOn: '2026-01-15', endsOn: '2028-12-31' },
};

describe('Pacte defaults no source gives', () => {
  it('lists every meeting and census value a short convention cadre leaves to Pacte, none a source gives', () => {
    const paths = Object.fromEntries(pacteDefaultsUsed(SHORT).map((d) => [d.path, d.value]));
    expect(paths).toEqual({
      'meetings.annual-review.rrule': 'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU',
      'meetings.annual-review.time': '14:00',
      'meetings.annual-review.duration': 'PT2H',
      'meetings.annual-review.remindBefore': 'P30D, P7D',
      'meetings.annual-review.indicatorsDueBefore': 'P15D',
      'census.opensOn': '09-01',
      'census.closesOn': '10-15',
      'census.remindBefore': 'P14D, P3D',
      'census.projectSheetDueAfter': 'P30D',
      'census.projectSheetRemindBefore': 'P14D, P7D, P1D',
      'census.escalateAfter': 'P7D',
    });
    // Art. 12 gives the three years, art. 9 the group of 15: not listed.
    expect(Object.keys(paths).some((p) => p.startsWith('term.') || p === 'census.minParticipants')).toBe(false);
  });

  it('lists a maximum term no text gives, and nothing the file writes or removes', () => {
    const plan = { ...SHORT, kind: 'plan-action', events: [{ id: 'journee', title: 'Journée', date: '2026-06-01' }] };
    expect(pacteDefaultsUsed(plan)).toEqual([
      { path: 'term.maxDuration', value: 'P2Y' },
      { path: 'events[0].remindBefore', value: 'P30D, P7D' },
    ]);
    const written = { ...SHORT, meetings: { 'annual-review': false }, census: false };
    expect(pacteDefaultsUsed(written)).toEqual([]);
    expect(pacteDefaultsUsed({ kind: 'nonsense' })).toEqual([]);
  });

  it('finds none in the examples, which write the partners’ choices', () => {
    const files = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBe(5); // the four sources and the English copy of Terre Valserhône
    for (const f of files)
      expect([f, pacteDefaultsUsed(YAML.parse(readFileSync(EXAMPLES + f, 'utf8')))]).toEqual([f, []]);
  });

  it('is printed under the header of `pacte plan`', () => {
    const parsed = parseAgreement(SHORT);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const text = renderPlanTable(parsed.agreement, planCalendar(parsed.agreement), {
      pacteDefaults: pacteDefaultsUsed(SHORT),
    });
    const lines = text.split('\n');
    expect(lines[3]).toBe(
      'Valeurs prises des défauts de Pacte, qu’aucune source ne donne (à écrire dans le fichier, au choix des partenaires)\u00a0:',
    );
    expect(lines).toContain('    census.opensOn: 09-01');
  });
});
