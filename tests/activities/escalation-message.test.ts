/**
 * The escalation of art. 9 on the real path (sheet records → due items → composed messages →
 * rendered e-mail): to the referents of both parties, naming each late sheet with the people
 * responsible for it.
 */
import { describe, expect, it } from 'vitest';
import { initialLifecycleState, type SheetRecord } from '../../contracts/lifecycle-state';
import { planCalendar } from '../../domain/calendar';
import { renderMessage } from '../../activities/render/message';
import { composeMessages } from '../../workflows/compose-messages';
import { dueItems } from '../../workflows/due-items';
import { conventionCadre } from '../domain/fixtures';

function sheet(projectId: string, title: string, leads: string[]): SheetRecord {
  return {
    projectId,
    title,
    censusYear: 2025,
    leads,
    notifiedOn: '2025-11-14',
    dueOn: '2025-12-15',
    dueAt: '2025-12-15T23:59:00.000+01:00',
    escalateAt: '2025-12-22T09:00:00.000+01:00',
    reminders: [],
  };
}

describe('the overdue sheets escalation', () => {
  it('goes to both referents and names who is responsible for each late sheet', () => {
    const agreement = conventionCadre();
    const state = initialLifecycleState({ agreement }, '2025-01-01T00:00:00Z');
    state.sheets.push(
      sheet('managers', 'Professionnaliser les managers', ['cdp-1']),
      sheet('numerique', 'Culture numérique', ['cdp-1', 'pilote-1']),
    );
    const items = dueItems(state, planCalendar(agreement), Date.parse('2027-12-31T23:00:00Z')).filter(
      (i) => i.purpose === 'project-sheet-escalation',
    );
    const composed = composeMessages(state, items);
    expect(composed.map((c) => c.message.recipient.id).sort()).toEqual(['ref-cc', 'ref-cnfpt']);
    const text = renderMessage(composed[0]!.message).text.replace(/[\u00A0\u202F]/g, ' ');
    expect(text).toContain(
      'Professionnaliser les managers — attendue le lundi 15 décembre 2025 — responsable : Lou Garnier',
    );
    expect(text).toContain(
      'Culture numérique — attendue le lundi 15 décembre 2025 — responsables : Lou Garnier, Alex Petit',
    );
  });
});
