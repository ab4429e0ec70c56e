/**
 * The operation forms, pure: each form built for a real agreement (the Terre Valserhône example)
 * offers the agreement's own choices, and a posted body becomes an input the operation's schema
 * accepts — or refuses with each problem under its field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreementText } from '../../client/agreement-file';
import { OPERATIONS } from '../../contracts/operations';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import type { FormContext } from '../../web/forms/form-choices';
import { controlNames, problemsByField } from '../../web/forms/field-problems';
import { formToInput } from '../../web/forms/form-to-input';
import { isGroup, type Field, type FormBody } from '../../web/forms/form-types';
import { withProjectIds, OPERATION_SLUGS, operationForm, type OperationForm } from '../../web/forms/operation-forms';

const FILE = 'examples/agreements/convention-cadre-terre-valserhone.yaml';

function example(): Agreement {
  const parsed = parseAgreementText(readFileSync(FILE, 'utf8'), FILE);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.agreement;
}

const agreement = example();
const calendar = planCalendar(agreement);
/** A day after the first annual review, so that one occurrence is past. */
const firstReview = calendar.entries.find((e) => e.type === 'annual-review')!;
const ctx: FormContext = { agreement, today: firstReview.date };

function form(slug: string): OperationForm {
  const f = operationForm(slug, ctx);
  if (!f) throw new Error(`no form ${slug}`);
  return f;
}

function field(f: OperationForm, name: string): Field {
  const item = f.items.find((i) => i.name === name);
  if (!item || isGroup(item)) throw new Error(`no field ${name}`);
  return item;
}

/** The input as the route sends it: read through the form's fields, then reshaped. */
function parse(slug: string, body: FormBody) {
  const f = form(slug);
  const fields = formToInput(f.items, body);
  return OPERATIONS[f.operation].schema.safeParse(f.reshape ? f.reshape(fields) : fields);
}

describe('operation forms', () => {
  it('has a form for every operation the CLI records, each sending a known operation', () => {
    expect(OPERATION_SLUGS).toEqual(
      expect.arrayContaining([
        'census-answer',
        'retain-projects',
        'submit-sheet',
        'meeting-held',
        'amend',
        'give-notice',
        'renewal-meeting',
        'renew',
        'dispute',
        'change-person',
        'indicators-sent',
      ]),
    );
    for (const slug of OPERATION_SLUGS) expect(Object.keys(OPERATIONS)).toContain(form(slug).operation);
    expect(operationForm('constructor', ctx)).toBeUndefined();
    expect(operationForm('nope', ctx)).toBeUndefined();
  });

  it('offers the agreement’s parties, census years, projects and past meeting occurrences', () => {
    expect(field(form('give-notice'), 'byParty').options!.map((o) => o.value)).toEqual(
      agreement.parties.map((p) => p.id),
    );
    const years = calendar.entries.filter((e) => e.type === 'census-open').map((e) => String(e.censusYear));
    expect(years.length).toBeGreaterThan(0);
    expect(field(form('census-answer'), 'year').options!.map((o) => o.value)).toEqual(years);
    const meetings = field(form('meeting-held'), 'entryId').options!;
    expect(meetings.map((o) => o.value)).toEqual([firstReview.id]);
    expect(meetings[0]!.label).toContain(firstReview.title);
  });

  it('leaves recorded meetings out and offers the pending sheets from the lifecycle’s state', () => {
    const view = {
      meetings: [{ entryId: firstReview.id, type: firstReview.type, heldOn: firstReview.date, recordedAt: '' }],
      census: [],
      overdueSheets: [],
      pendingSheets: [
        {
          projectId: 'management-2026',
          title: 'Management',
          censusYear: 2026,
          leads: [],
          notifiedOn: '2026-01-10',
          dueOn: '2026-02-10',
          dueAt: '',
          escalateAt: '',
          reminders: [],
        },
      ],
    };
    const withView = { ...ctx, view };
    const meetingForm = operationForm('meeting-held', withView)!;
    expect((meetingForm.items[0] as Field).options).toEqual([]);
    const sheet = operationForm('submit-sheet', withView)!;
    expect((sheet.items[0] as Field).options!.map((o) => o.value)).toEqual(['management-2026']);
  });

  it('builds a census answer; an empty date is left out (today, for the lifecycle)', () => {
    const parsed = parse('census-answer', { year: '2026', answeredOn: '', _csrf: 'x' });
    expect(parsed.success && parsed.data).toEqual({ year: 2026 });
  });

  it('ignores fields the form does not show: a forged recordedBy never reaches the input', () => {
    const f = form('renewal-meeting');
    const input = formToInput(f.items, { heldOn: '2026-01-05', recordedBy: 'admin', 'recordedBy.via': 'cli' });
    expect(input).toEqual({ heldOn: '2026-01-05' });
  });

  it('builds a project sheet: number, checkbox, trimmed text', () => {
    const body = {
      projectId: 'management-2026',
      label: '  Manager en transition ',
      place: 'Bellegarde',
      period: 'octobre 2026',
      mode: 'mixte',
      participants: '12',
      regulated: 'on',
      context: 'Contexte',
      objectives: 'Objectifs',
    };
    const parsed = parse('submit-sheet', body);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ label: 'Manager en transition', participants: 12, regulated: true });
    const unticked = parse('submit-sheet', { ...body, regulated: undefined });
    expect(unticked.data).toMatchObject({ regulated: false });
  });

  it('passes a number that is not one on as written, for the schema to refuse by name', () => {
    const parsed = parse('submit-sheet', { participants: 'douze' });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('participants');
    expect(paths).toContain('label');
  });

  it('builds retained projects from rows, dropping the empty rows at the end only', () => {
    const body: FormBody = {
      year: '2026',
      'projects[0].id': 'management-2026',
      'projects[0].title': 'Management',
      'projects[0].leads': ['ref-cnfpt', 'ref-terre-valserhone'],
      'projects[1].id': 'accueil-2026',
      'projects[1].title': 'Accueil',
      'projects[1].leads': 'formation-terre-valserhone',
      'projects[2].id': '',
      'projects[2].title': '',
    };
    const parsed = parse('retain-projects', body);
    expect(parsed.success && (parsed.data as { projects: unknown }).projects).toEqual([
      { id: 'management-2026', title: 'Management', leads: ['ref-cnfpt', 'ref-terre-valserhone'] },
      { id: 'accueil-2026', title: 'Accueil', leads: ['formation-terre-valserhone'] },
    ]);
    // A row left empty between two filled ones is sent, and refused where it is.
    const gap = parse('retain-projects', {
      ...body,
      'projects[0].id': '',
      'projects[0].title': '',
      'projects[0].leads': [],
    });
    expect(gap.success).toBe(false);
    expect(gap.error!.issues.map((i) => i.path.join('.'))).toContain('projects.0.title');
  });

  it('makes a project’s id from its title when left empty: unique in the agreement and among the rows', () => {
    const parsed = parse('retain-projects', {
      year: '2026',
      'projects[0].title': 'Management de proximité',
      'projects[0].leads': 'ref-cnfpt',
      'projects[1].title': 'Management de proximité',
      'projects[1].leads': 'ref-cnfpt',
      'projects[2].title': 'IA',
      'projects[2].leads': 'ref-cnfpt',
    });
    expect(parsed.success).toBe(true);
    expect((parsed.data as { projects: { id: string }[] }).projects.map((p) => p.id)).toEqual([
      'management-de-proximite',
      'management-de-proximite-2',
      'projet-ia',
    ]);
    // Ids the agreement already has (planned or retained) are not taken again; one typed is kept.
    const rows = withProjectIds(
      { projects: [{ title: 'Accueil' }, { id: 'accueil-2', title: 'Autre' }, { title: 'Accueil' }] },
      new Set(['accueil']),
    );
    expect((rows.projects as { id: string }[]).map((p) => p.id)).toEqual(['accueil-3', 'accueil-2', 'accueil-4']);
  });

  it('refuses a notice without its party, and a meeting with a URL that is not one', () => {
    expect(parse('give-notice', { givenOn: '2026-01-05' }).success).toBe(false);
    const meeting = parse('meeting-held', { entryId: firstReview.id, minutesUrl: 'compte rendu' });
    expect(meeting.error!.issues.map((i) => i.path.join('.'))).toEqual(['minutesUrl']);
  });

  it('asks a COT which axes’ tracking table is late, and an agreement without axes nothing', () => {
    expect(form('meeting-held').items.some((i) => i.name === 'axes')).toBe(false);
    const cotFile = 'examples/agreements/cot-seine-et-marne.yaml';
    const parsed = parseAgreementText(readFileSync(cotFile, 'utf8'), cotFile);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const cot = parsed.agreement;
    const review = planCalendar(cot).entries.find((e) => e.type === 'pilot-review')!;
    const f = operationForm('meeting-held', { agreement: cot, today: review.date })!;
    expect(field(f, 'axes').options!.map((o) => o.value)).toEqual(['axe-1', 'axe-2', 'axe-3']);
    const input = formToInput(f.items, { entryId: review.id, trackingTable: 'late', axes: ['axe-2', 'axe-3'] });
    expect(OPERATIONS[f.operation].schema.parse(input)).toMatchObject({
      trackingTable: 'late',
      axes: ['axe-2', 'axe-3'],
    });
  });

  it('builds a change of person in the shape its schema takes, dropping what the change does not use', () => {
    const f = form('change-person');
    const build = (body: FormBody) => f.reshape!(formToInput(f.items, body));
    const common = {
      personId: 'ref-cnfpt',
      name: 'Camille Durand',
      email: 'c.durand@example.org',
    };
    expect(build({ change: 'replace', ...common })).toEqual({
      change: 'replace',
      personId: 'ref-cnfpt',
      name: 'Camille Durand',
      email: 'c.durand@example.org',
    });
    expect(build({ change: 'remove', ...common, effectiveOn: '2026-01-05' })).toEqual({
      change: 'remove',
      personId: 'ref-cnfpt',
      effectiveOn: '2026-01-05',
    });
    const handover = build({ change: 'add', ...common });
    expect(handover).toEqual({
      change: 'add',
      personId: 'ref-cnfpt',
      person: { id: 'camille-durand', name: 'Camille Durand', email: 'c.durand@example.org' },
    });
    expect(OPERATIONS.changePerson.schema.safeParse(handover).success).toBe(true);
    // The id made from the name is not one the agreement already has.
    const namesake = build({ change: 'add', ...common, name: agreement.people[0]!.id });
    expect((namesake.person as { id: string }).id).toBe(`${agreement.people[0]!.id}-2`);
  });

  it('shows a handover’s problems on the form’s own controls', () => {
    const f = form('change-person');
    const input = f.reshape!(formToInput(f.items, { change: 'add', personId: 'ref-cnfpt' }));
    const parsed = OPERATIONS.changePerson.schema.safeParse(input);
    expect(parsed.success).toBe(false);
    const problems = problemsByField(parsed.error!, { controls: controlNames(f.items), aliases: f.aliases });
    expect(Object.keys(problems.fields).sort()).toEqual(['email', 'name']);
    expect(problems.general).toEqual([]);
  });

  it('offers no date after today', () => {
    expect(field(form('dispute'), 'notifiedOn').max).toBe(ctx.today);
  });
});
