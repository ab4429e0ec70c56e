/**
 * Problems placed beside their field: a zod error (the operation's schema, checked before
 * sending) or the lifecycle's refusal (its validator answers `field: message` lines, as the CLI
 * prints them) become messages keyed by the form control's name (`year`, `projects[0].title`).
 * A problem deeper than any control (`projects[0].leads[1]`) goes to the nearest control that
 * holds it; one that names no control (`phase: the lifecycle is expired`) is a general problem,
 * shown in the error summary only.
 *
 * Messages are put in French where Pacte's own wording is known (web/forms/french-problems.ts).
 *
 * @module
 */
import type { z } from 'zod';
import { formatPath } from '../../domain/problems';
import { isGroup, type FieldProblems, type FormItem } from './form-types';
import { GENERIC_PROBLEM, knownFrench, redactedProblem, type ProblemNames } from './french-problems';

/** The control names of a form: `year`, `projects[0].title`, … */
export function controlNames(items: readonly FormItem[]): Set<string> {
  const names = new Set<string>();
  for (const item of items) {
    if (!isGroup(item)) names.add(item.name);
    else {
      // The group itself: a problem with the whole list (none given) shows on its fieldset.
      names.add(item.name);
      for (let i = 0; i < item.rows; i++) for (const f of item.fields) names.add(`${item.name}[${i}].${f.name}`);
    }
  }
  return names;
}

/** `projects[0].leads[1]` → `projects[0].leads` → `projects[0]` → `projects`: the first a control has. */
function nearestControl(path: string, controls: ReadonlySet<string> | undefined): string | undefined {
  if (!controls) return path;
  let p = path;
  for (;;) {
    if (controls.has(p)) return p;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

/** Input paths shown on another control (`person.id` → `newPersonId`), the longest prefix first. */
export type Aliases = Readonly<Record<string, string>>;

function aliased(path: string, aliases: Aliases | undefined): string {
  if (!aliases) return path;
  const prefix = Object.keys(aliases)
    .filter((a) => path === a || path.startsWith(`${a}.`) || path.startsWith(`${a}[`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? path : `${aliases[prefix]}${path.slice(prefix.length)}`;
}

/** How a problem is placed and worded: the form's controls, its aliases, the agreement's names. */
export interface ProblemContext {
  controls?: ReadonlySet<string>;
  aliases?: Aliases;
  names?: ProblemNames;
}

/** A message in French; one without French wording is generic, and kept (redacted) for the log. */
function worded(problems: FieldProblems, message: string, names?: ProblemNames): string {
  const known = knownFrench(message, names);
  if (known !== undefined) return known;
  (problems.unmapped ??= []).push(redactedProblem(message));
  return GENERIC_PROBLEM;
}

function add(problems: FieldProblems, rawPath: string, message: string, ctx: ProblemContext): void {
  const { controls, aliases } = ctx;
  const text = worded(problems, message, ctx.names);
  const path = aliased(rawPath, aliases);
  const control = path === '' ? undefined : nearestControl(path, controls);
  // The lifecycle's phase is no field: its message says it all.
  const bare = path === '' || path === 'phase';
  if (control === undefined) problems.general.push(bare ? text : `${path}\u00a0: ${text}`);
  else (problems.fields[control] ??= []).push(text);
}

/**
 * The issues of a zod error by field path. Without `controls`, every issue is keyed by its full
 * path; with them, by the nearest control, and issues no control holds are general.
 */
export function problemsByField(error: z.ZodError, ctx: ProblemContext = {}): FieldProblems {
  const problems: FieldProblems = { fields: {}, general: [] };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(problems, formatPath([...issue.path, key]), 'unknown field', ctx);
      continue;
    }
    add(problems, issue.path.length ? formatPath(issue.path) : '', issue.message, ctx);
  }
  return problems;
}

const LINE = /^([A-Za-z_][\w.[\]-]*): (.*)$/;

/** The lifecycle's `field: message` lines (its update validator's refusal), by field. */
export function problemsFromLines(lines: readonly string[], ctx: ProblemContext = {}): FieldProblems {
  const problems: FieldProblems = { fields: {}, general: [] };
  for (const line of lines) {
    const m = LINE.exec(line.trim());
    if (m) add(problems, m[1]!, m[2]!, ctx);
    else if (line.trim() !== '') problems.general.push(worded(problems, line.trim(), ctx.names));
  }
  return problems;
}

/** Every problem of `problems`, in the order of the form, for the error summary. */
export function summaryOf(problems: FieldProblems, controls: Iterable<string>): { field?: string; text: string }[] {
  const out: { field?: string; text: string }[] = problems.general.map((text) => ({ text }));
  const order = [...controls];
  const keys = Object.keys(problems.fields).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const field of keys) for (const text of problems.fields[field]!) out.push({ field, text });
  return out;
}

export function hasProblems(problems: FieldProblems): boolean {
  return problems.general.length > 0 || Object.keys(problems.fields).length > 0;
}
