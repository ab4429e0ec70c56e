/**
 * The forms as each person may use them, pure (web/routes/operation-page.ts `formFor` and
 * web/forms/operation-action.ts, over web/access): referents and administrators get every
 * choice; a training contact answers the census but gives no notice; a project lead is offered
 * the sheets of their own projects only; a pilot who attends no meeting of this agreement gets no
 * meeting form. Terre Valserhône, with a pilot added, after its first annual review.
 */
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../../domain/parse-agreement';
import { planCalendar } from '../../domain/calendar';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import type { WebUser } from '../../web/deps';
import { operationAction } from '../../web/forms/operation-action';
import { operationForm, type OperationForm } from '../../web/forms/operation-forms';
import type { Field } from '../../web/forms/form-types';
import { formFor } from '../../web/routes/operation-page';
import { readExample } from '../support/placement';

const raw = readExample('convention-cadre-terre-valserhone');
const parsed = parseAgreement({
  ...raw,
  people: [
    ...(raw.people as object[]),
    { id: 'pilote-x', name: 'Pilote', email: 'pilote@example.org', party: 'terre-valserhone', roles: ['pilot'] },
  ],
});
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const agreement = parsed.agreement;
const today = planCalendar(agreement).entries.find((e) => e.type === 'annual-review')!.date;

const sheet = (projectId: string, leads: string[]) => ({
  projectId,
  title: projectId,
  censusYear: 2025,
  leads,
  notifiedOn: '2025-03-01',
  dueOn: '2025-04-01',
  dueAt: '',
  escalateAt: '',
  reminders: [],
});
const view = {
  pendingSheets: [sheet('mine', ['formation-terre-valserhone']), sheet('theirs', ['ref-cnfpt'])],
  overdueSheets: [],
  meetings: [],
  census: [],
} as unknown as LifecycleView;

const user = (email: string, isAdmin = false): WebUser => ({ sub: email, email, name: email, isAdmin });
const REFERENT = user('camille.martin@example.org');
const CONTACT = user('sophie.bernard@example.org');
const PILOT = user('pilote@example.org');
const ADMIN = user('admin@example.org', true);

function formOf(slug: string, who: WebUser): OperationForm | undefined {
  return formFor(operationForm(slug, { agreement, view, today })!, agreement, view, who);
}

const optionsOf = (form: OperationForm | undefined, name: string) =>
  (form?.items.find((i) => i.name === name) as Field | undefined)?.options?.map((o) => o.value);

describe('forms by who acts', () => {
  it('gives referents and administrators every form with every choice', () => {
    for (const who of [REFERENT, ADMIN]) {
      expect(optionsOf(formOf('submit-sheet', who), 'projectId')).toEqual(['mine', 'theirs']);
      expect(formOf('give-notice', who)).toBeDefined();
      expect(formOf('amend', who)).toBeDefined();
    }
  });

  it('offers a project lead the sheets of their own projects only', () => {
    expect(optionsOf(formOf('submit-sheet', CONTACT), 'projectId')).toEqual(['mine']);
  });

  it('lets the census’s addressee answer it, but not give notice or amend', () => {
    expect(optionsOf(formOf('census-answer', CONTACT), 'year')!.length).toBeGreaterThan(0);
    expect(formOf('give-notice', CONTACT)).toBeUndefined();
    expect(formOf('amend', CONTACT)).toBeUndefined();
  });

  it('refuses a pilot every form of an agreement whose meetings and sheets are not theirs', () => {
    for (const slug of ['submit-sheet', 'meeting-held', 'census-answer', 'retain-projects', 'dispute', 'renew']) {
      expect(formOf(slug, PILOT), slug).toBeUndefined();
    }
  });

  it('judges the item the input names, with the leads the sheet was retained with', () => {
    expect(operationAction('submit-sheet', { projectId: 'theirs' }, view)).toEqual({
      op: 'submit-sheet',
      projectId: 'theirs',
      leads: ['ref-cnfpt'],
    });
    expect(operationAction('give-notice', { byParty: 'cnfpt-ara' })).toEqual({ op: 'give-notice', party: 'cnfpt-ara' });
    expect(operationAction('teleport', {})).toBeUndefined();
  });
});
