/**
 * Reads an agreement file from disk (`.yaml`, `.yml` or `.json`) and validates it with
 * {@link parseAgreement}. Syntax errors carry their line and column; a missing file says so.
 * Never throws for a bad file: every problem comes back in the result.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import YAML from 'yaml';
import { parseAgreement, type ParseAgreementResult } from '../domain/parse-agreement';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Parses the text of an agreement file; `name` only decides YAML or JSON. */
export function parseAgreementText(text: string, name: string): ParseAgreementResult {
  const read = readAgreementData(text, name);
  return read.ok ? parseAgreement(read.data) : read;
}

/**
 * The data of an agreement file as written (YAML or JSON, by `name`'s extension), not validated:
 * what `pacte amend` sends, the workflow parsing it again. Syntax problems carry line and column.
 */
export function readAgreementData(
  text: string,
  name: string,
): { ok: true; data: unknown } | { ok: false; problems: string[] } {
  const ext = extname(name).toLowerCase();
  if (!EXTENSIONS.has(ext))
    return { ok: false, problems: [`unsupported file type "${ext || name}": use .yaml, .yml or .json`] };

  let data: unknown;
  if (ext === '.json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, problems: [jsonSyntaxProblem(text, e)] };
    }
  } else {
    // YAML 1.2 core schema: 2025-01-15 and 10:00 stay strings, as the schema expects.
    const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((err) => {
          const pos = err.linePos?.[0];
          const where = pos ? `line ${pos.line}, column ${pos.col}` : 'syntax';
          return `${where}: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
        }),
      };
    }
    data = doc.toJS();
  }
  if (data === null || data === undefined) return { ok: false, problems: ['the file is empty'] };
  return { ok: true, data };
}

function jsonSyntaxProblem(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const m = /position (\d+)/.exec(message);
  if (!m) return `JSON syntax: ${message}`;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${col}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/** Reads and validates the agreement file at `path`. */
export async function readAgreementFile(path: string): Promise<ParseAgreementResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problems: ['file not found'] };
    if (code === 'EISDIR') return { ok: false, problems: ['is a directory, not an agreement file'] };
    return { ok: false, problems: [`cannot read the file: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return parseAgreementText(text, path);
}
