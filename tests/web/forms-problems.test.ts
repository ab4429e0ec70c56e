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
import { readFileSync } from 'node:fs';
import { frenchProblem, GENERIC_PROBLEM, knownFrench, problemNames } from '../../web/forms/french-problems';
import type { FormItem } from '../../web/forms/form-types';

const agreement = {
  parties: [
    { id: 'cnfpt-ara', name: 'CNFPT – Délégation Auvergne-Rhône-Alpes' },
    { id: 'terre-valserhone', name: 'Communauté de communes Terre Valserhône' },
  ],
  people: [{ id: 'ref-cnfpt', name: 'Camille Martin' }],
};

/**
 * One of each message the lifecycle's update validators answer the forms with
 * (workflows/operations.ts, domain/person-change-rules.ts), with values as they come.
 */
const VALIDATOR_MESSAGES = [
  '2999-01-01 is in the future (today is 2026-11-30)',
  '2020-01-01 is before the signature (2025-01-15)',
  '2031-01-01 is after the end of the agreement (2027-12-31)',
  'the lifecycle is terminated',
  'the lifecycle is expired',
  "unknown party 'x-y-z' (parties: cnfpt-ara, terre-valserhone)",
  'this agreement has no census',
  'no census in 2031 (census years: 2025, 2026)',
  'no census in 2031 (census years: none)',
  'the census answer for 2026 is already recorded (on 2026-03-02)',
  'the census answer for 2026 is already recorded',
  "duplicate project 'management'",
  "project 'management' was already notified for 2026",
  "unknown person 'nobody'",
  "unknown person 'nobody' (people: ref-cnfpt, sign-cnfpt)",
  "no project sheet is pending for 'management' (pending: none)",
  "no meeting 'review-2026' in the calendar (e.g. review-2025)",
  "meeting 'review-2026' is already recorded",
  'name axes only for a late tracking table (trackingTable: late)',
  "no axis 'axe-9' in the agreement (axes: axe-1, axe-2)",
  "an amendment keeps the agreement id 'valserhone-2025' (got 'autre')",
  "no indicators are due for 'review-2026' (e.g. review-2025)",
  "the indicators of 'review-2026' are already recorded (sent on 2026-03-02)",
  "no meeting reminder about 'review-2026'",
  "'ref-cnfpt' receives no meeting reminder about 'review-2026'",
  "'ref-cnfpt' already said so on 2026-03-02; the referents were told",
  'notice was already given by cnfpt-ara on 2026-03-02',
  'the renewal meeting is already recorded (on 2026-03-02)',
  'notice was given on 2026-03-02; a terminated agreement is not renewed',
  "already renewed by 'valserhone-2028'",
  "the successor needs its own id (not 'valserhone-2025')",
  'a dispute is already recorded on 2026-03-02',
  "no reminder of 'census/2026' is left to send",
  "'ref-cnfpt' has no reminder of 'census/2026' left to receive",
  "'camille-durand' is already one of the agreement's people",
  'the name and the e-mail are those already recorded',
  "'ref-cnfpt' is the last referent of cnfpt-ara; add a person who takes over instead",
  "'ref-cnfpt' is the only pilot of axis axe-1",
  "'ref-cnfpt' is the only lead of project management",
  "'ref-cnfpt' is the only lead of the awaited project sheet management",
  'removing \'ref-cnfpt\' leaves unknown person "ref-cnfpt"',
];

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
    const problems = problemsByField(result.error!, { controls: controlNames(ITEMS) });
    expect(Object.keys(problems.fields)).toEqual(['projects[0].leads']);
    expect(problems.fields['projects[0].leads']![0]).toMatch(/^identifiant invalide/);
  });

  it('sends what no control holds to the summary, with its path', () => {
    const result = RetainedProjectsInput.safeParse({ year: 2026 });
    const problems = problemsByField(result.error!, { controls: controlNames(ITEMS) });
    expect(problems.fields.projects).toEqual(['à renseigner']);
    const unknown = ProjectSheetInput.safeParse({ stray: 1 });
    const sheet = problemsByField(unknown.error!, { controls: controlNames(ITEMS) });
    expect(sheet.general).toContain('stray\u00a0: champ inconnu');
  });

  it('places the lifecycle’s refusal lines, in French', () => {
    const problems = problemsFromLines(
      [
        'year: the census answer for 2026 is already recorded (on 2026-03-02)',
        "projects[1].leads[0]: unknown person 'nobody'",
        'phase: the lifecycle is expired',
        'byParty: notice was already given by cnfpt-ara on 2026-03-02',
        'something else entirely about camille@example.org',
      ],
      { controls: controlNames(ITEMS), names: problemNames(agreement) },
    );
    expect(problems.fields.year).toEqual([
      'la réponse au recensement 2026 est déjà enregistrée (le lundi 2 mars 2026)',
    ]);
    expect(problems.fields['projects[1].leads']).toEqual(['personne inconnue «\u00a0nobody\u00a0»']);
    expect(problems.general).toEqual([
      'la convention est arrivée à échéance\u00a0: plus aucune opération',
      `byParty\u00a0: la convention est déjà dénoncée par ${agreement.parties[0]!.name} le lundi 2 mars 2026`,
      GENERIC_PROBLEM,
    ]);
    // The message without French wording is kept for the log, without the address it quoted.
    expect(problems.unmapped).toEqual(['something else entirely about …']);
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems({ fields: {}, general: [] })).toBe(false);
  });

  it('lists the summary in the order of the form, general problems first', () => {
    const controls = controlNames(ITEMS);
    const summary = summaryOf({ fields: { 'projects[0].id': ['b'], year: ['a'] }, general: ['g'] }, controls);
    expect(summary).toEqual([{ text: 'g' }, { field: 'year', text: 'a' }, { field: 'projects[0].id', text: 'b' }]);
  });

  it('words a message it does not know generically, and dates in words', () => {
    expect(frenchProblem('the moon is full')).toBe(GENERIC_PROBLEM);
    expect(frenchProblem('2030-01-01 is in the future (today is 2026-11-30)')).toBe(
      'le mardi 1er janvier 2030 est dans le futur (nous sommes le lundi 30 novembre 2026)',
    );
  });

  it('words every message of the lifecycle’s validators in French, people and parties by name', () => {
    const names = problemNames(agreement);
    const english = /\b(the|is|not|already|unknown|no|of|on|by|for)\b/;
    for (const message of VALIDATOR_MESSAGES) {
      const french = knownFrench(message, names);
      expect(french, message).toBeDefined();
      expect(french, message).not.toMatch(english);
      expect(french, message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(knownFrench("'ref-cnfpt' is the only pilot of axis axe-1", names)).toMatch(/^Camille Martin /);
    expect(knownFrench('notice was already given by cnfpt-ara on 2026-03-02', names)).toContain(
      'CNFPT – Délégation Auvergne-Rhône-Alpes',
    );
  });

  it('has an example above of every message the validators write (a new one needs its French wording)', () => {
    const examples = VALIDATOR_MESSAGES.join('\n');
    for (const file of ['workflows/operations.ts', 'domain/person-change-rules.ts']) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/[`'](?:[\w$][\w.[\]${}]*): ([^`'\n]+)/g)) {
        // The message's longest fixed part, between the values it quotes.
        const fixed = m[1]!
          .split(/\$\{[^}]*\}?/)
          .map((x) => x.trim())
          .sort((a, b) => b.length - a.length)[0];
        if (fixed && fixed.length >= 8) expect(examples, `${file}: ${m[1]}`).toContain(fixed);
      }
    }
  });
});
