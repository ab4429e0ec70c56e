/**
 * Problems beside their fields, pure: zod issues of the operation schemas and the lifecycle's
 * `field: message` refusals are keyed by the control that shows the value, in French where the
 * wording is known, and what no control holds goes to the summary.
 */
import { describe, expect, it } from 'vitest';
import { RetainedProjectsInput, ProjectSheetInput } from '../../domain/operations';
import {
  controlNames,
  hasProblems,
  problemsByField,
  problemsFromLines,
  summaryOf,
} from '../../web/forms/field-problems';
import { frenchProblem } from '../../web/forms/french-problems';
import type { FormItem } from '../../web/forms/form-types';

const ITEMS: FormItem[] = [
  { name: 'year', kind: 'select', label: 'Année', options: [] },
  {
    name: 'projects',
    kind: 'group',
    label: 'Projet',
    heading: 'Projets',
    rows: 2,
    fields: [
      { name: 'id', kind: 'text', label: 'Identifiant' },
      { name: 'title', kind: 'text', label: 'Intitulé' },
      { name: 'leads', kind: 'select-multiple', label: 'Chefs de projet' },
    ],
  },
];

describe('problems by field', () => {
  it('keys each issue by its path, projects[0].title included', () => {
    const result = RetainedProjectsInput.safeParse({
      year: 1999,
      projects: [{ id: 'ok-id', title: '  ', leads: ['Not An Id'] }],
    });
    const problems = problemsByField(result.error!);
    expect(Object.keys(problems.fields).sort()).toEqual(['projects[0].leads[0]', 'projects[0].title', 'year']);
    expect(problems.fields['projects[0].title']).toEqual(['ne doit pas être vide']);
    expect(problems.fields.year).toEqual(['doit valoir au moins 2000']);
  });

  it('puts a problem deeper than any control on the control that holds it', () => {
    const result = RetainedProjectsInput.safeParse({
      year: 2026,
      projects: [{ id: 'ok-id', title: 'T', leads: ['X'] }],
    });
    const problems = problemsByField(result.error!, controlNames(ITEMS));
    expect(Object.keys(problems.fields)).toEqual(['projects[0].leads']);
    expect(problems.fields['projects[0].leads']![0]).toMatch(/^identifiant invalide/);
  });

  it('sends what no control holds to the summary, with its path', () => {
    const result = RetainedProjectsInput.safeParse({ year: 2026 });
    const problems = problemsByField(result.error!, controlNames(ITEMS));
    expect(problems.fields.projects).toEqual(['à renseigner']);
    const unknown = ProjectSheetInput.safeParse({ stray: 1 });
    const sheet = problemsByField(unknown.error!, controlNames(ITEMS));
    expect(sheet.general).toContain('stray\u00a0: champ inconnu');
  });

  it('places the lifecycle’s refusal lines, in French', () => {
    const problems = problemsFromLines(
      [
        'year: the census answer for 2026 is already recorded (on 2026-03-02)',
        "projects[1].leads[0]: unknown person 'nobody'",
        'phase: the lifecycle is expired',
        'something else entirely',
      ],
      controlNames(ITEMS),
    );
    expect(problems.fields.year).toEqual(['la réponse au recensement 2026 est déjà enregistrée (le 2026-03-02)']);
    expect(problems.fields['projects[1].leads']).toEqual(['personne inconnue «\u00a0nobody\u00a0»']);
    expect(problems.general).toEqual([
      'phase\u00a0: le cycle de vie est clos (expired)\u00a0: plus aucune opération',
      'something else entirely',
    ]);
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems({ fields: {}, general: [] })).toBe(false);
  });

  it('lists the summary in the order of the form, general problems first', () => {
    const controls = controlNames(ITEMS);
    const summary = summaryOf({ fields: { 'projects[0].id': ['b'], year: ['a'] }, general: ['g'] }, controls);
    expect(summary).toEqual([{ text: 'g' }, { field: 'year', text: 'a' }, { field: 'projects[0].id', text: 'b' }]);
  });

  it('keeps a message it does not know as written', () => {
    expect(frenchProblem('the moon is full')).toBe('the moon is full');
    expect(frenchProblem('2030-01-01 is in the future (today is 2026-11-30)')).toBe(
      '2030-01-01 est dans le futur (nous sommes le 2026-11-30)',
    );
  });
});
