/**
 * What a web form is made of, independent of any server or template: fields with their French
 * label, hint and kind, the choices of a select, and repeated groups (`projects[0].title`). The
 * templates render these; `formToInput` reads a posted body back through the same definitions,
 * so a field shown is a field read, and nothing else is.
 *
 * @module
 */

export type FieldKind =
  'date' | 'number' | 'select' | 'select-multiple' | 'text' | 'textarea' | 'url' | 'email' | 'checkbox';

export interface FieldOption {
  value: string;
  label: string;
}

export interface Field {
  /** The operation input's key, and the form control's `name` (`projects[0].title` inside a group). */
  name: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  /** The input refuses it absent (the template marks the others « facultatif »). */
  required?: boolean;
  /** Selects only: the choices, built from the agreement (parties, projects, occurrences, years). */
  options?: FieldOption[];
  /** A select whose values are numbers (census years): sent as a number, like a number field. */
  numeric?: boolean;
  /** Date fields: the latest date allowed (the lifecycle refuses a date in the future). */
  max?: string;
}

/** Rows of the same fields, posted as `name[i].field` (retained projects). */
export interface FieldGroup {
  name: string;
  kind: 'group';
  /** One row's legend, numbered (« Projet retenu 1 »). */
  label: string;
  /** The group's heading, in the plural (« Projets retenus »). */
  heading: string;
  hint?: string;
  /** How many rows the form shows; empty rows at the end are not sent. */
  rows: number;
  fields: Field[];
}

export type FormItem = Field | FieldGroup;

export function isGroup(item: FormItem): item is FieldGroup {
  return item.kind === 'group';
}

/** A body as @fastify/formbody or @fastify/multipart leave it: repeated names give arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

/** Problems keyed by field name (`projects[0].title`), and those that belong to no field. */
export interface FieldProblems {
  fields: Record<string, string[]>;
  general: string[];
  /** Messages that had no French wording (shown as a generic one), redacted, for the log. */
  unmapped?: string[];
}
