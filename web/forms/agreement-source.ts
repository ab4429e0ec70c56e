/**
 * An agreement file given on a web page (uploaded, or pasted into a text area) read and validated
 * exactly as `pacte start` reads a file (client/agreement-file.ts): every problem comes back with
 * its field path (`people[2].email`) and, where the source shows it, its line, so the page can put
 * each problem beside the source line it is about.
 *
 * Pure (the yaml parser only). The page never trusts a previously validated copy: whatever it
 * posts back is read here again.
 *
 * @module
 */
import YAML, { LineCounter } from 'yaml';
import type { Agreement } from '../../domain/agreement';
import { parseAgreement } from '../../domain/parse-agreement';
import { readAgreementData } from '../../client/agreement-file';
import { knownFrench } from './french-problems';

/** A file's problem in French when worded here; else as the parser wrote it (a YAML syntax error says where). */
const frenchProblem = (message: string) => knownFrench(message) ?? message;

/** Larger than any real agreement (the largest example is about 10 KB), small enough to refuse abuse. */
export const MAX_SOURCE_BYTES = 256 * 1024;

export interface SourceProblem {
  /** The field path (`people[2].email`), or undefined for a syntax or file problem. */
  path?: string;
  /** 1-based line of the source the problem is about, when it can be placed. */
  line?: number;
  message: string;
}

export type AgreementSource =
  | { ok: true; agreement: Agreement; data: unknown; text: string; name: string }
  | { ok: false; problems: SourceProblem[]; text: string; name: string };

/** The name deciding YAML or JSON: the uploaded file's, or a pasted text's by its first character. */
export function sourceName(text: string, fileName?: string): string {
  if (fileName) return fileName;
  return /^\s*[[{]/.test(text) ? 'collé.json' : 'collé.yaml';
}

/** Reads and validates the agreement in `text` (`fileName`: the uploaded file's name, if any). */
export function readAgreementSource(text: string, fileName?: string): AgreementSource {
  const name = sourceName(text, fileName);
  if (Buffer.byteLength(text, 'utf8') > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      name,
      text: '',
      problems: [{ message: `le fichier dépasse ${MAX_SOURCE_BYTES / 1024}\u00a0Kio` }],
    };
  }
  if (text.trim() === '') return { ok: false, name, text, problems: [{ message: 'aucun fichier ni texte reçu' }] };
  const read = readAgreementData(text, name);
  const parsed = read.ok ? parseAgreement(read.data) : read;
  if (parsed.ok && read.ok) return { ok: true, agreement: parsed.agreement, data: read.data, text, name };
  const problems = parsed.ok ? [] : parsed.problems;
  return { ok: false, name, text, problems: placeProblems(text, problems) };
}

const SYNTAX = /^line (\d+), column \d+: (.*)$/;
const AT_PATH = /^([A-Za-z_][\w.[\]-]*|\(file\)): (.*)$/;

/** `path: message` and `line L, column C: message` lines → problems with their path and line. */
export function placeProblems(text: string, lines: readonly string[]): SourceProblem[] {
  const locate = lineLocator(text);
  return lines.map((line): SourceProblem => {
    const syntax = SYNTAX.exec(line);
    if (syntax) return { line: Number(syntax[1]), message: `${frenchProblem(syntax[2]!)}` };
    const at = AT_PATH.exec(line);
    if (!at || at[1] === '(file)') return { message: frenchProblem(at ? at[2]! : line) };
    const path = at[1]!;
    const found = locate(path);
    return { path, ...(found ? { line: found } : {}), message: frenchProblem(at[2]!) };
  });
}

/** `people[2].email` → `['people', 2, 'email']`. */
export function pathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return parts;
}

/**
 * The line of a path in the source (YAML or JSON, which YAML reads too): the node at the path, or
 * the nearest enclosing one (a missing field is reported where its parent is).
 */
function lineLocator(text: string): (path: string) => number | undefined {
  const counter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  return (path) => {
    const parts = pathParts(path);
    for (let n = parts.length; n > 0; n--) {
      const node = doc.getIn(parts.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** The source's lines, each with the problems placed on it, for showing problems beside the source. */
export function annotatedLines(
  text: string,
  problems: readonly SourceProblem[],
): { number: number; text: string; problems: SourceProblem[] }[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => ({ number: i + 1, text: line, problems: problems.filter((p) => p.line === i + 1) }));
}

/** How many of a file's problems the error summary lists (all are in the page's list). */
const SUMMARY_SHOWN = 20;

/**
 * The error summary of a refused file: each problem with its path, linked to its source line
 * (or to the list of problems when it has none); past {@link SUMMARY_SHOWN}, a count.
 */
export function sourceSummary(problems: readonly SourceProblem[]): { text: string; href: string }[] {
  const shown = problems.slice(0, SUMMARY_SHOWN).map((p) => ({
    text: p.path ? `${p.path}\u00a0: ${p.message}` : p.message,
    href: p.line ? `#ligne-${p.line}` : '#problemes',
  }));
  const more = problems.length - shown.length;
  if (more > 0)
    shown.push({
      text: `et ${more}\u00a0autre${more > 1 ? 's' : ''} problème${more > 1 ? 's' : ''}`,
      href: '#problemes',
    });
  return shown;
}
