/**
 * Agreement files (docs/agreement-file.md): each rejection rule names the field at fault, defaults
 * per kind, a written field wins over the default, `false` removes a default meeting or census.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../domain/agreement';
import { agreementProblems } from '../../domain/agreement-rules';
import { AgreementFileSchema } from '../../domain/agreement-schema';
import { rruleProblem } from '../../domain/field-checks';
import { KIND_DEFAULTS } from '../../domain/agreement-defaults';
import { checkAgreement, parseAgreement } from '../../domain/parse-agreement';

const EXAMPLES = fileURLToPath(new URL('../../examples/agreements/', import.meta.url));

/** A minimal valid convention cadre; tests change one thing at a time. */
function base(): Record<string, any> {
  return {
    id: 'valserhone-2025',
    kind: 'convention-cadre',
    title: 'Convention cadre CNFPT – CC Terre Valserhône',
    parties: [
      { id: 'cnfpt-ara', name: 'CNFPT Auvergne-Rhône-Alpes' },
      { id: 'terre-valserhone', name: 'CC Terre Valserhône' },
    ],
    people: [
      {
        id: 'ref-cnfpt',
        name: 'Camille Martin',
        email: 'camille.martin@example.org',
        party: 'cnfpt-ara',
        roles: ['referent'],
      },
      {
        id: 'ref-tv',
        name: 'Julien Moreau',
        email: 'julien.moreau@example.org',
        party: 'terre-valserhone',
        roles: ['referent', 'committee'],
      },
      {
        id: 'rf-tv',
        name: 'Sophie Bernard',
        email: 'sophie.bernard@example.org',
        party: 'terre-valserhone',
        roles: ['training-contact'],
      },
    ],
    term: { signedOn: '2025-01-15', endsOn: '2027-12-31' },
  };
}

function ok(data: unknown): Agreement {
  const r = parseAgreement(data);
  if (!r.ok) throw new Error(`expected a valid agreement, got:\n${r.problems.join('\n')}`);
  return r.agreement;
}

function problems(data: unknown): string[] {
  const r = parseAgreement(data);
  if (r.ok) throw new Error('expected problems, the agreement was accepted');
  return r.problems;
}

/** Exactly one problem is expected on `path`, and its message must match. */
function expectProblem(data: unknown, path: string, message: RegExp): void {
  const found = problems(data).filter((p) => p.startsWith(`${path}: `));
  expect(found, `problems: ${problems(data).join(' | ')}`).toHaveLength(1);
  expect(found[0]).toMatch(message);
}

describe('parseAgreement: a valid file', () => {
  it('accepts the minimal convention cadre and applies every default', () => {
    const a = ok(base());
    expect(a.timezone).toBe('Europe/Paris');
    expect(a.locale).toBe('fr');
    expect(a.holidays).toBe('FR');
    expect(a.workdays).toEqual(['MO', 'TU', 'WE', 'TH', 'FR']);
    expect(a.reminders).toEqual({ time: '09:00' });
    expect(a.term).toEqual({
      signedOn: '2025-01-15',
      startsOn: '2025-01-15',
      endsOn: '2027-12-31',
      noticePeriod: 'P3M',
      noticeForm: 'lettre recommandée avec accusé de réception',
      renewalMeetingWithin: 'P12M',
      renewalAgenda:
        'dresser un bilan de l’exécution de la collaboration et de discuter de la conclusion d’une nouvelle convention et de ses modalités',
      maxDuration: 'P3Y',
    });
    // Art. 12 to 14 of the model, and its name for French sentences.
    expect(a.document).toEqual({ name: 'convention', gender: 'feminine' });
    expect(a.articles).toEqual({ notice: 'art. 12', renewal: 'art. 12', amendment: 'art. 13', dispute: 'art. 14' });
    expect(a.meetings['annual-review']).toMatchObject({ article: 'art. 7', indicatorsArticle: 'art. 8' });
    expect(a.meetings['annual-review']?.indicators).toContain(
      'les bilans et évaluations des stagiaires faits à partir de l’outil Applicrea',
    );
    expect(a.axes).toEqual([]);
    expect(a.events).toEqual([]);
    expect(a.people[0]?.roles).toEqual(['referent']);
  });

  it('keeps the organizer the file names; none written, none set (the CNFPT referent by default)', () => {
    expect(ok({ ...base(), organizer: 'ref-cnfpt' }).organizer).toBe('ref-cnfpt');
    expect(ok(base())).not.toHaveProperty('organizer');
  });

  it('accepts every example agreement', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(files).toHaveLength(4);
    for (const f of files) ok(YAML.parse(readFileSync(EXAMPLES + f, 'utf8')));
  });

  it('is JSON-safe (travels in workflow payloads)', () => {
    const a = ok(base());
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe('parseAgreement: defaults per kind', () => {
  it('convention-cadre: annual review (art. 7, indicators art. 8) and census (art. 9)', () => {
    const a = ok(base());
    expect(Object.keys(a.meetings)).toEqual(['annual-review']);
    expect(a.meetings['annual-review']).toMatchObject({
      rrule: 'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU',
      time: '14:00',
      attendees: ['referent', 'committee'],
      remindBefore: ['P30D', 'P7D'],
      onNonBusinessDay: 'next',
      article: 'art. 7',
      indicatorsDueBefore: 'P15D',
    });
    expect(a.census).toEqual({
      opensOn: '09-01',
      closesOn: '10-15',
      to: ['training-contact'],
      remindBefore: ['P14D', 'P3D'],
      projectSheetDueAfter: 'P30D',
      projectSheetRemindBefore: ['P14D', 'P7D', 'P1D'],
      escalateAfter: 'P7D',
      minParticipants: 15,
      article: 'art. 9',
    });
  });

  it('cot: monthly pilot review, steering committee every two months, annual review; no census', () => {
    const a = ok({ ...base(), id: 'cot-77', kind: 'cot', term: { signedOn: '2010-10-01', endsOn: '2014-09-30' } });
    expect(Object.keys(a.meetings).sort()).toEqual(['annual-review', 'pilot-review', 'steering-committee']);
    expect(a.meetings['pilot-review']).toMatchObject({
      rrule: 'FREQ=MONTHLY;BYDAY=1TU',
      attendees: ['referent', 'pilot'],
    });
    expect(a.meetings['steering-committee']?.rrule).toMatch(/^FREQ=MONTHLY;INTERVAL=2;/);
    expect(a.meetings['steering-committee']?.attendees).toEqual(['referent', 'committee', 'pilot']);
    expect(a.meetings['annual-review']?.rrule).toMatch(/^FREQ=YEARLY/);
    expect(a.census).toBeUndefined();
    expect(a.term.maxDuration).toBe('P4Y');
    expect(a.term.renewalMeetingWithin).toBeUndefined();
  });

  it('plan-action gets no meeting and no notice period (its source gives none); schema-cooperation its review', () => {
    const plan = ok({
      ...base(),
      id: 'plan-84',
      kind: 'plan-action',
      term: { signedOn: '2024-04-01', endsOn: '2025-04-30' },
    });
    expect(Object.keys(plan.meetings)).toEqual([]);
    expect(plan.term.noticePeriod).toBeUndefined();
    expect(plan.document).toEqual({ name: 'plan d’action', gender: 'masculine' });
    const cot = ok({ ...base(), id: 'cot-77', kind: 'cot', term: { signedOn: '2010-10-01', endsOn: '2014-09-30' } });
    expect(cot.term.noticePeriod).toBeUndefined();
    expect(cot.meetings['annual-review']?.prepare?.[0]).toMatch(/bilan d’avancée du contrat/);
    // What the file writes wins over the kind.
    const written = ok({
      ...base(),
      id: 'plan-85',
      kind: 'plan-action',
      document: { name: 'accord', gender: 'masculine' },
      articles: { notice: 'art. 4' },
      term: { signedOn: '2024-04-01', endsOn: '2025-04-30', noticePeriod: 'P1M', noticeForm: 'courrier' },
    });
    expect(written).toMatchObject({
      document: { name: 'accord' },
      articles: { notice: 'art. 4' },
      term: { noticePeriod: 'P1M', noticeForm: 'courrier' },
    });
    const schema = ok({ ...base(), id: 'schema-bzh', kind: 'schema-cooperation' });
    expect(schema.meetings['annual-review']?.attendees).toEqual(['signatory', 'referent']);
    expect(schema.meetings['annual-review']?.title).toMatch(/présidents/);
  });

  it('fills the missing fields of a custom meeting with the general defaults', () => {
    const a = ok({ ...base(), meetings: { 'atelier-rh': { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15' } } });
    expect(a.meetings['atelier-rh']).toEqual({
      title: 'Atelier rh',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
      time: '10:00',
      duration: 'PT1H30M',
      attendees: ['referent'],
      remindBefore: ['P7D', 'P1D'],
      onNonBusinessDay: 'next',
    });
  });

  it('titles follow the locale', () => {
    const a = ok({ ...base(), locale: 'en' });
    expect(a.meetings['annual-review']?.title).toBe('Annual review');
  });

  it('gives events the referents and two reminders by default', () => {
    const a = ok({ ...base(), events: [{ id: 'colloque', title: 'Colloque', date: '2025-07-04' }] });
    expect(a.events[0]).toEqual({
      id: 'colloque',
      title: 'Colloque',
      date: '2025-07-04',
      attendees: ['referent'],
      remindBefore: ['P30D', 'P7D'],
    });
  });

  it('every kind has valid default rules', () => {
    for (const kind of Object.values(KIND_DEFAULTS)) {
      for (const m of Object.values(kind.meetings)) expect(rruleProblem(m.rrule)).toBeUndefined();
    }
  });
});

describe('parseAgreement: the file wins', () => {
  it('a written field replaces the default, the other fields stay', () => {
    const a = ok({
      ...base(),
      timezone: 'America/Cayenne',
      holidays: 'FR-alsace-moselle',
      reminders: { time: '08:30' },
      term: { signedOn: '2025-01-15', startsOn: '2025-02-01', endsOn: '2027-12-31', noticePeriod: 'P6M' },
      meetings: { 'annual-review': { time: '09:30', remindBefore: ['P14D'] } },
      census: { closesOn: '11-30' },
    });
    expect(a.timezone).toBe('America/Cayenne');
    expect(a.holidays).toBe('FR-alsace-moselle');
    expect(a.reminders.time).toBe('08:30');
    expect(a.term.startsOn).toBe('2025-02-01');
    expect(a.term.noticePeriod).toBe('P6M');
    expect(a.term.maxDuration).toBe('P3Y');
    expect(a.meetings['annual-review']).toMatchObject({
      time: '09:30',
      remindBefore: ['P14D'],
      rrule: 'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU',
      article: 'art. 7',
    });
    expect(a.census).toMatchObject({ opensOn: '09-01', closesOn: '11-30', minParticipants: 15 });
  });

  it('`false` removes a default meeting, and the census', () => {
    const a = ok({ ...base(), meetings: { 'annual-review': false }, census: false });
    expect(a.meetings).toEqual({});
    expect(a.census).toBeUndefined();
    const cot = ok({ ...base(), id: 'cot-77', kind: 'cot', meetings: { 'steering-committee': false } });
    expect(Object.keys(cot.meetings).sort()).toEqual(['annual-review', 'pilot-review']);
  });
});

describe('parseAgreement: rejections name the field', () => {
  it('not an object', () => {
    expect(problems('hello')).toEqual(['(file): expected object, received string']);
  });

  it('missing required fields', () => {
    const { title, term, ...rest } = base();
    void title;
    void term;
    const p = problems(rest);
    expect(p).toContain('title: required');
    expect(p).toContain('term: required');
  });

  it('id pattern', () => expectProblem({ ...base(), id: 'Valserhône 2025' }, 'id', /not a valid id/));
  it('unknown kind', () => expectProblem({ ...base(), kind: 'convention' }, 'kind', /unknown kind "convention"/));
  it('timezone must be IANA', () =>
    expectProblem({ ...base(), timezone: 'Paris' }, 'timezone', /not an IANA time zone/));
  it('locale', () => expectProblem({ ...base(), locale: 'de' }, 'locale', /"fr"|fr/));
  it('holidays', () => expectProblem({ ...base(), holidays: 'DE' }, 'holidays', /FR/));
  it('workdays: RFC 5545 day codes, at least one, each once; kept in week order', () => {
    expectProblem({ ...base(), workdays: ['MO', 'SAT'] }, 'workdays[1]', /unknown day "SAT"/);
    expectProblem({ ...base(), workdays: [] }, 'workdays', /at least one working day/);
    expectProblem({ ...base(), workdays: ['MO', 'TU', 'MO'] }, 'workdays', /listed twice/);
    expect(ok({ ...base(), workdays: ['SA', 'MO', 'TU'] }).workdays).toEqual(['MO', 'TU', 'SA']);
  });
  it('unknown field', () => expectProblem({ ...base(), titel: 'x' }, 'titel', /unknown field/));
  it('at least two parties', () =>
    expectProblem({ ...base(), parties: [base().parties[0]] }, 'parties', /at least two parties/));

  it('e-mail', () => {
    const data = base();
    data.people[2].email = 'sophie.bernard@';
    expectProblem(data, 'people[2].email', /not an e-mail address/);
  });

  it('person without e-mail', () => {
    const data = base();
    delete data.people[1].email;
    expectProblem(data, 'people[1].email', /required/);
  });

  it('unknown role on a person', () => {
    const data = base();
    data.people[0].roles = ['referent', 'boss'];
    expectProblem(data, 'people[0].roles[1]', /unknown role "boss"/);
  });

  it('person of an unknown party', () => {
    const data = base();
    data.people[0].party = 'cnfpt-paca';
    expectProblem(data, 'people[0].party', /unknown party "cnfpt-paca"/);
  });

  it('dates must be real calendar dates', () => {
    expectProblem(
      { ...base(), term: { signedOn: '2025-02-30', endsOn: '2027-12-31' } },
      'term.signedOn',
      /not a real calendar date/,
    );
    expectProblem({ ...base(), term: { signedOn: '15/01/2025', endsOn: '2027-12-31' } }, 'term.signedOn', /YYYY-MM-DD/);
  });

  it('end before start', () => {
    expectProblem(
      { ...base(), term: { signedOn: '2025-01-15', endsOn: '2024-12-31' } },
      'term.endsOn',
      /not after the start/,
    );
  });

  it('term longer than maxDuration (written or default)', () => {
    expectProblem(
      { ...base(), term: { signedOn: '2025-01-15', endsOn: '2028-06-30' } },
      'term.endsOn',
      /longer than maxDuration P3Y/,
    );
    expectProblem(
      { ...base(), term: { signedOn: '2025-01-15', endsOn: '2026-06-30', maxDuration: 'P1Y' } },
      'term.endsOn',
      /longer than maxDuration P1Y/,
    );
  });

  it('durations must be ISO 8601', () => {
    expectProblem(
      { ...base(), term: { signedOn: '2025-01-15', endsOn: '2027-12-31', noticePeriod: '3 mois' } },
      'term.noticePeriod',
      /ISO 8601/,
    );
    expectProblem(
      { ...base(), meetings: { 'annual-review': { remindBefore: ['P7D', '1D'] } } },
      'meetings.annual-review.remindBefore[1]',
      /ISO 8601/,
    );
    expectProblem({ ...base(), census: { escalateAfter: 'P0D' } }, 'census.escalateAfter', /longer than zero/);
  });

  it('recurrence rules must be valid RFC 5545', () => {
    const rule = (rrule: string) => ({ ...base(), meetings: { 'pilot-review': { rrule } } });
    expectProblem(rule('FREQ=FORTNIGHTLY'), 'meetings.pilot-review.rrule', /unknown FREQ/);
    expectProblem(rule('FREQ=MONTHLY;BYDAY=1XX'), 'meetings.pilot-review.rrule', /BYDAY/);
    expectProblem(rule('FREQ=MONTHLY;FOO=1'), 'meetings.pilot-review.rrule', /unknown part FOO/);
    expectProblem(rule('BYDAY=1TU'), 'meetings.pilot-review.rrule', /FREQ is required/);
    expectProblem(rule('RRULE:FREQ=MONTHLY'), 'meetings.pilot-review.rrule', /without "RRULE:"/);
    expectProblem(rule('FREQ=MONTHLY;BYMONTH=13'), 'meetings.pilot-review.rrule', /BYMONTH/);
    expectProblem(rule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'), 'meetings.pilot-review.rrule', /produces no date/);
    expectProblem(rule('FREQ=HOURLY'), 'meetings.pilot-review.rrule', /at most daily/);
    expectProblem(rule('FREQ=MONTHLY;COUNT=3;UNTIL=20260101'), 'meetings.pilot-review.rrule', /UNTIL and COUNT/);
  });

  it('a custom meeting needs a rule', () => {
    expectProblem({ ...base(), meetings: { atelier: { time: '10:00' } } }, 'meetings.atelier.rrule', /required/);
  });

  it('meeting time and reserved types', () => {
    expectProblem(
      { ...base(), meetings: { 'annual-review': { time: '25:00' } } },
      'meetings.annual-review.time',
      /HH:MM/,
    );
    expectProblem({ ...base(), meetings: { expiry: { rrule: 'FREQ=YEARLY' } } }, 'meetings.expiry', /reserved/);
    expectProblem({ ...base(), meetings: { 'annual-review': 'yes' } }, 'meetings.annual-review', /meeting .* or false/);
  });

  it('unknown person or role in attendees, pilots, leads, census.to', () => {
    expectProblem(
      { ...base(), meetings: { 'annual-review': { attendees: ['referent', 'pilotes'] } } },
      'meetings.annual-review.attendees[1]',
      /unknown person or role "pilotes"/,
    );
    expectProblem({ ...base(), census: { to: ['rf-tv', 'dg'] } }, 'census.to[1]', /unknown person or role "dg"/);
    const axes = [
      {
        id: 'axe-1',
        title: 'Axe 1',
        pilots: ['ref-cnfpt', 'ghost'],
        projects: [{ id: 'managers', title: 'M', leads: ['nobody'], leadParty: 'cdg99' }],
      },
    ];
    const p = problems({ ...base(), axes });
    expect(p).toContain('axes[0].pilots[1]: unknown person "ghost"');
    expect(p).toContain('axes[0].projects[0].leads[0]: unknown person "nobody"');
    expect(p).toContain('axes[0].projects[0].leadParty: unknown party "cdg99"');
  });

  it('an organizer who is not one of the people, or not an id', () => {
    expectProblem({ ...base(), organizer: 'ghost' }, 'organizer', /unknown person "ghost"/);
    expectProblem({ ...base(), organizer: 'Camille Martin' }, 'organizer', /not a valid id/);
  });

  it('a meeting nobody attends', () => {
    expectProblem(
      { ...base(), meetings: { 'annual-review': { attendees: ['signatory'] } } },
      'meetings.annual-review.attendees',
      /nobody is concerned/,
    );
  });

  it('duplicate ids', () => {
    const data = base();
    data.people.push({ ...data.people[0] });
    data.parties.push({ ...data.parties[1] });
    data.events = [
      { id: 'colloque', title: 'A', date: '2025-07-04' },
      { id: 'colloque', title: 'B', date: '2025-07-05' },
    ];
    data.axes = [
      { id: 'axe-1', title: 'A', projects: [{ id: 'managers', title: 'M' }] },
      { id: 'axe-1', title: 'B', projects: [{ id: 'managers', title: 'M' }] },
    ];
    const p = problems(data);
    expect(p).toContain('people[3].id: duplicate person id "ref-cnfpt" (already used by people[0])');
    expect(p).toContain('parties[2].id: duplicate party id "terre-valserhone" (already used by parties[1])');
    expect(p).toContain('events[1].id: duplicate event id "colloque" (already used by events[0])');
    expect(p).toContain('axes[1].id: duplicate axis id "axe-1" (already used by axes[0])');
    expect(p).toContain(
      'axes[1].projects[0].id: duplicate project id "managers" (already used by axes[0].projects[0])',
    );
  });

  it('events: exactly one form of date', () => {
    expectProblem({ ...base(), events: [{ id: 'colloque', title: 'C' }] }, 'events[0]', /exactly one of date/);
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', date: '2025-07-04', window: '2025-H2' }] },
      'events[0]',
      /exactly one of date/,
    );
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', start: '2025-07-04' }] },
      'events[0]',
      /start and end go together/,
    );
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', window: '2025-S2' }] },
      'events[0].window',
      /YYYY-H1/,
    );
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', start: '2025-07-04', end: '2025-07-01' }] },
      'events[0].end',
      /before its start/,
    );
  });

  it('events outside the term', () => {
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', date: '2028-01-04' }] },
      'events[0].date',
      /outside the term/,
    );
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', start: '2027-12-30', end: '2028-01-02' }] },
      'events[0].start',
      /outside the term/,
    );
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', window: '2024-H2' }] },
      'events[0].window',
      /outside the term/,
    );
    ok({ ...base(), events: [{ id: 'colloque', title: 'C', window: '2027-Q4' }] });
  });

  it('events: a window is a half-year, a quarter or a month, said clearly when wrong', () => {
    const a = ok({ ...base(), events: [{ id: 'colloque', title: 'C', window: '2025-09' }] });
    expect(a.events[0]?.window).toBe('2025-09');
    // Term starts 2025-01-15: January 2025 overlaps it, December 2024 does not.
    ok({ ...base(), events: [{ id: 'colloque', title: 'C', window: '2025-01' }] });
    expectProblem(
      { ...base(), events: [{ id: 'colloque', title: 'C', window: '2024-12' }] },
      'events[0].window',
      /outside the term 2025-01-15 – 2027-12-31/,
    );
    for (const bad of ['2025-13', '2025-00', '2025-9', '2025-Q5', '2025-H3', '2025-S2', '2025-09-01']) {
      expectProblem(
        { ...base(), events: [{ id: 'colloque', title: 'C', window: bad }] },
        'events[0].window',
        /^events\[0\]\.window: not a window: a half-year YYYY-H1 or YYYY-H2, a quarter YYYY-Q1 to YYYY-Q4, or a month YYYY-MM \(e\.g\. 2024-H2, 2024-Q3, 2024-09\)$/,
      );
    }
  });

  it('reminders.time', () => expectProblem({ ...base(), reminders: { time: '9h' } }, 'reminders.time', /HH:MM/));

  it('census days', () => expectProblem({ ...base(), census: { opensOn: '02-30' } }, 'census.opensOn', /MM-DD/));

  it('lists every problem at once', () => {
    const data = base();
    data.id = 'X';
    data.people[0].email = 'nope';
    data.term.endsOn = '2027-13-01';
    expect(problems(data)).toHaveLength(3);
  });
});

describe('schema exports', () => {
  it('AgreementFileSchema accepts a file as written (no defaults)', () => {
    expect(AgreementFileSchema.safeParse(base()).success).toBe(true);
  });

  it('agreementProblems vets a complete agreement received from elsewhere', () => {
    const a = ok(base());
    expect(agreementProblems(a)).toEqual([]);
    expect(
      agreementProblems({
        ...a,
        meetings: { ...a.meetings, x: { ...a.meetings['annual-review']!, rrule: 'FREQ=NEVER' } },
      }),
    ).toEqual([
      'meetings.x: not a valid meeting type: lowercase letters, digits and dashes, 3 to 63 characters',
      'meetings.x.rrule: not a valid RFC 5545 recurrence rule: unknown FREQ NEVER',
    ]);
  });
});

describe('checkAgreement (complete agreements, e.g. workflow inputs)', () => {
  it('accepts what parseAgreement produces, for every example', () => {
    for (const f of readdirSync(EXAMPLES).filter((x) => x.endsWith('.yaml'))) {
      const a = ok(YAML.parse(readFileSync(EXAMPLES + f, 'utf8')));
      const r = checkAgreement(JSON.parse(JSON.stringify(a)));
      expect(r.ok ? [] : r.problems).toEqual([]);
      if (r.ok) expect(r.agreement).toEqual(a);
    }
  });

  it('requires the defaulted fields and applies the same rules', () => {
    const a = ok(base()) as unknown as Record<string, any>;
    delete a.reminders;
    delete a.meetings['annual-review'].time;
    a.people[0].email = 'x';
    const r = checkAgreement(a);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toContain('reminders: required');
      expect(r.problems).toContain('meetings.annual-review.time: required');
      expect(r.problems).toContain('people[0].email: not an e-mail address');
    }
  });
});
