/**
 * A posted form body → the operation's input, through the form's own field definitions: only the
 * fields the form shows are read (a forged `recordedBy` or any other key is ignored), text is
 * trimmed, an empty field is left out (a missing date means « today » to the lifecycle), a
 * number is converted only when it is one (anything else goes on as written, for the schema to
 * refuse by name), a checkbox is `true` when ticked and `false` otherwise.
 *
 * Pure; the operation's zod schema judges the result.
 *
 * @module
 */
import { isGroup, type Field, type FormBody, type FormItem } from './form-types';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

/** The value of one field, or undefined when it is left empty. */
function fieldValue(field: Field, raw: string | string[] | undefined): unknown {
  switch (field.kind) {
    case 'checkbox':
      return raw !== undefined && first(raw) !== '';
    case 'select-multiple': {
      const values = all(raw);
      return values.length > 0 ? values : undefined;
    }
    case 'select':
    case 'number': {
      if (field.kind === 'select' && !field.numeric) return textValue(raw);
      const text = first(raw)?.trim();
      if (!text) return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : text;
    }
    default:
      return textValue(raw);
  }
}

function textValue(raw: string | string[] | undefined): string | undefined {
  const text = first(raw)?.trim();
  return text ? text : undefined;
}

function readFields(fields: readonly Field[], body: FormBody, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = fieldValue(field, body[`${prefix}${field.name}`]);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

/** A group's rows, without the empty rows at its end (a row left empty in between is sent, and refused by name). */
function readGroup(fields: readonly Field[], rows: number, body: FormBody, name: string): Record<string, unknown>[] {
  const read = Array.from({ length: rows }, (_, i) => readFields(fields, body, `${name}[${i}].`));
  const isEmpty = (row: Record<string, unknown>) => Object.values(row).every((v) => v === false);
  while (read.length > 0 && isEmpty(read.at(-1)!)) read.pop();
  return read;
}

/** The operation's input from the posted `body`, as the form's `items` define it. */
export function formToInput(items: readonly FormItem[], body: FormBody): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const item of items) {
    if (isGroup(item)) {
      const rows = readGroup(item.fields, item.rows, body, item.name);
      if (rows.length > 0) input[item.name] = rows;
    } else {
      const value = fieldValue(item, body[item.name]);
      if (value !== undefined) input[item.name] = value;
    }
  }
  return input;
}

/** The values to show back in the form after a refusal: as posted, by control name. */
export function postedValues(body: FormBody): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => key !== '_csrf')
      .map(([key, value]) => [key, value === undefined ? [] : Array.isArray(value) ? value : [value]]),
  );
}
