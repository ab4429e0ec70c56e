/**
 * What an operation's form page shows, from the form, what was posted and its problems: the
 * fields ready for the template, the error summary linked to them, and the form's choices
 * narrowed to the items the signed-in person may act on (a pilot sees the meetings they attend,
 * a project lead the sheets of their projects; referents and administrators see all).
 *
 * @module
 */
import type { Agreement } from '../../domain/agreement';
import type { LifecycleView } from '../../contracts/lifecycle-view';
import { controlNames, summaryOf } from '../forms/field-problems';
import { fieldId, itemViews } from '../forms/field-views';
import { isGroup, type FieldProblems } from '../forms/form-types';
import { ITEM_FIELD, operationAction } from '../forms/operation-action';
import type { OperationForm } from '../forms/operation-forms';
import { actsOnEverything, canAct } from '../access/policy';
import type { WebUser } from '../deps';

const NO_PROBLEMS: FieldProblems = { fields: {}, general: [] };

/** Said above a form whose item has no choice today (the lifecycle would refuse anything). */
const NO_CHOICE: Partial<Record<string, string>> = {
  'census-answer': 'Cette convention ne prévoit pas de recensement.',
  'submit-sheet': 'Aucune fiche projet n’est attendue pour le moment.',
  'meeting-held': 'Aucune réunion passée n’attend d’être enregistrée.',
};

/**
 * The form as `user` may use it: all of it for referents and administrators; for others, the
 * item choices they may act on, or undefined when there is none (the page is refused).
 */
export function formFor(
  form: OperationForm,
  agreement: Agreement,
  view: LifecycleView,
  user: WebUser,
): OperationForm | undefined {
  if (actsOnEverything(agreement, user)) return form;
  const key = ITEM_FIELD[form.slug];
  if (!key) {
    const action = operationAction(form.slug, {}, view);
    return action && canAct(agreement, user, action) ? form : undefined;
  }
  const items = form.items.map((item) => {
    if (isGroup(item) || item.name !== key) return item;
    const options = (item.options ?? []).filter((o) =>
      canAct(agreement, user, operationAction(form.slug, { [key]: o.value }, view)!),
    );
    return { ...item, options };
  });
  const field = items.find((i) => i.name === key);
  if (!field || isGroup(field) || (field.options ?? []).length === 0) return undefined;
  return { ...form, items };
}

/** The template data of an operation's form page. */
export function formPageData(
  form: OperationForm,
  agreement: Agreement,
  values: Record<string, string[]> = {},
  problems: FieldProblems = NO_PROBLEMS,
): Record<string, unknown> {
  const controls = controlNames(form.items);
  const summary = summaryOf(problems, controls).map((p) => ({
    text: p.field ? `${labelOf(form, p.field)}\u00a0: ${p.text}` : p.text,
    ...(p.field ? { href: `#${fieldId(p.field)}` } : {}),
  }));
  const key = ITEM_FIELD[form.slug];
  const itemField = form.items.find((i) => i.name === key);
  const empty = itemField && !isGroup(itemField) && (itemField.options ?? []).length === 0;
  return {
    agreement: { id: agreement.id, title: agreement.title },
    form,
    ...(empty ? { noChoice: NO_CHOICE[form.slug] } : {}),
    action: `/conventions/${agreement.id}/operations/${form.slug}`,
    items: itemViews(form.items, values, problems),
    summary,
    source: { text: '' },
  };
}

/** `projects[1].title` → « Intitulé (projet retenu 2) »; a top-level field → its label. */
function labelOf(form: OperationForm, control: string): string {
  for (const item of form.items) {
    if (!isGroup(item)) {
      if (item.name === control) return item.label;
      continue;
    }
    if (control === item.name) return item.label;
    const m = /^[^[]+\[(\d+)\]\.(.+)$/.exec(control);
    const field = m && item.fields.find((f) => f.name === m[2]);
    if (m && field && control.startsWith(`${item.name}[`))
      return `${field.label} (${item.label.toLowerCase()} ${Number(m[1]) + 1})`;
  }
  return control;
}
