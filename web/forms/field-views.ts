/**
 * Form fields ready for a template: each control with its HTML id, the value to show back after
 * a refusal, the choices marked selected, and its problems with the ids `aria-describedby`
 * needs — so the templates stay loops and GOV.UK Frontend markup, with no logic of their own.
 *
 * Pure.
 *
 * @module
 */
import { isGroup, type Field, type FieldProblems, type FormItem } from './form-types';

export interface FieldView {
  id: string;
  name: string;
  kind: Field['kind'];
  label: string;
  hint?: string;
  required: boolean;
  max?: string;
  /** The text value to show (first posted value). */
  value: string;
  checked: boolean;
  options: { value: string; label: string; selected: boolean }[];
  errors: string[];
  /** `aria-describedby`: the hint's and the error's ids, when there are. */
  describedBy?: string;
}

export interface GroupView {
  kind: 'group';
  id: string;
  heading: string;
  hint?: string;
  errors: string[];
  rows: { legend: string; fields: FieldView[] }[];
}

export type ItemView = FieldView | GroupView;

/** `projects[0].title` → `champ-projects-0-title`: an id the error summary can link to. */
export function fieldId(name: string): string {
  return `champ-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

function fieldView(field: Field, name: string, values: Record<string, string[]>, problems: FieldProblems): FieldView {
  const id = fieldId(name);
  const posted = values[name] ?? [];
  const errors = problems.fields[name] ?? [];
  const described = [field.hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    name,
    kind: field.kind,
    label: field.label,
    ...(field.hint ? { hint: field.hint } : {}),
    required: field.required ?? false,
    ...(field.max ? { max: field.max } : {}),
    value: posted[0] ?? '',
    checked: posted.length > 0 && posted[0] !== '',
    options: (field.options ?? []).map((o) => ({ ...o, selected: posted.includes(o.value) })),
    errors,
    ...(described ? { describedBy: described } : {}),
  };
}

/** The form's items as the template renders them. */
export function itemViews(
  items: readonly FormItem[],
  values: Record<string, string[]> = {},
  problems: FieldProblems = { fields: {}, general: [] },
): ItemView[] {
  return items.map((item): ItemView => {
    if (!isGroup(item)) return fieldView(item, item.name, values, problems);
    return {
      kind: 'group',
      id: fieldId(item.name),
      heading: item.heading,
      ...(item.hint ? { hint: item.hint } : {}),
      errors: problems.fields[item.name] ?? [],
      rows: Array.from({ length: item.rows }, (_, i) => ({
        legend: `${item.label} ${i + 1}`,
        fields: item.fields.map((f) => fieldView(f, `${item.name}[${i}].${f.name}`, values, problems)),
      })),
    };
  });
}
