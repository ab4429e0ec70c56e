/**
 * `pacte show` lists the next events as the file writes them (calendar rule 11): the `state`
 * query's view (workflows/lifecycle-view.ts) carries allDay, end and window, and the text view
 * shows no invented time, both days of a week, the window of an undated event.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderStateView } from '../../client/render/state-view';
import { initialLifecycleState } from '../../contracts/lifecycle-state';
import { planCalendar } from '../../domain/calendar';
import { parseAgreement } from '../../domain/parse-agreement';
import { lifecycleView } from '../../workflows/lifecycle-view';

const FILE = fileURLToPath(new URL('../../examples/agreements/plan-action-vaucluse.yaml', import.meta.url));

describe('pacte show: next events as written', () => {
  const parsed = parseAgreement(YAML.parse(readFileSync(FILE, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const agreement = parsed.agreement;
  const state = initialLifecycleState({ agreement }, '2024-04-01T00:00:00.000+02:00');
  const view = lifecycleView(state, planCalendar(agreement), Date.parse('2024-05-01T00:00:00+02:00'));

  it('the view carries allDay, end and window; nextDeadline is unchanged (the entry instants)', () => {
    const byId = new Map(view.nextEvents.map((e) => [e.id, e]));
    expect(byId.get('congres-regional')).toMatchObject({ allDay: true, date: '2024-06-28' });
    expect(byId.get('soiree-inet')).toMatchObject({ window: '2024-H2', at: '2024-07-01T09:00:00.000+02:00' });
    expect(byId.get('soiree-inet')?.allDay).toBeUndefined();
    expect(byId.get('semaine-transitions')).toMatchObject({ allDay: true, end: '2024-11-29' });
    expect(view.nextDeadline).toBe('2024-06-28T07:00:00.000Z');
  });

  it('the text view', () => {
    const text = renderStateView(view, { workflowId: 'agreement-plan-action-vaucluse-2024', locale: 'fr' });
    expect(text).toContain('● vendredi 28 juin 2024 — Congrès régional du SNDGCT  [event]');
    // The file writes « Soirée de l'INET »: shown with the one apostrophe (’).
    expect(text).toContain('● au second semestre 2024 (date à fixer) — Soirée de l’INET  [event]');
    expect(text).not.toContain("'");
    expect(text).toContain(
      '● du lundi 25 au vendredi 29 novembre 2024 — Semaine des transitions professionnelles  [event]',
    );
    expect(text).not.toMatch(/2024 à 9 h 00 — (Congrès|Colloque|Semaine|Journée|Soirée)/);
    // The plan sets no meeting: no « point d'étape » that no source gives.
    expect(text).not.toContain('Point d’étape');
  });
});
