/**
 * Problems as people read them: `path: message` lines (`people[2].email: not an e-mail
 * address`), from zod issues, with plainer words than zod's defaults. One format for agreement
 * files, operations and every other input Pacte validates.
 *
 * @module
 */
import type { z } from 'zod';

export type PathPart = string | number | symbol;

/** `people[2].email`, `meetings.pilot-review.rrule`; `(file)` for the root. */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(file)' : out;
}

/** Turns zod issues into `path: message` lines, with plainer words than zod's defaults. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input?: unknown): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push(`${formatPath([...issue.path, key])}: unknown field`);
      continue;
    }
    if (issue.code === 'invalid_union' && typeof valueAt(input, issue.path) === 'object' && issue.errors[0]) {
      // `meeting | false`, `census | false`: an object was meant, so report what is wrong inside it.
      const inner = issue.errors[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
      problems.push(...issuesToProblems(inner, input));
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) message = 'required';
    else if (issue.code === 'invalid_type') message = message.replace(/^Invalid input: /, '');
    else if (issue.code === 'invalid_union' && issue.path[0] === 'meetings') {
      message = 'must be a meeting (rrule, time, attendees…) or false';
    } else if (issue.code === 'invalid_union' && issue.path[0] === 'census') {
      message = 'must be a census (opensOn, closesOn, to…) or false';
    } else if (issue.code === 'invalid_value') message = message.replace(/^Invalid option: /, '');
    problems.push(`${formatPath(issue.path)}: ${message}`);
  }
  return problems;
}

function valueAt(input: unknown, path: readonly PathPart[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathPart, unknown>)[p];
  }
  return v;
}

/** `path: message` lines for an operation's input; `prefix` places them under a field. */
export function describeZodError(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const where = prefix ? (issue.path.length ? `${prefix}.${path}` : prefix) : issue.path.length ? path : '(input)';
    return `${where}: ${issue.message}`;
  });
}
