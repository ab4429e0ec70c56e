/**
 * Reads a small YAML or JSON input file for an operation (`--file projects.yaml`,
 * `--file sheet.yaml`, the raw data of an amendment). Syntax errors name the line; a missing
 * file says so. The data is returned as written: validating it is the caller's business.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import YAML from 'yaml';
import { CliError } from './cli-error';

export async function readDataFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError([
      `${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read the file: ${e instanceof Error ? e.message : String(e)}`}`,
    ]);
  }
  if (extname(path).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new CliError([`${path}: JSON syntax: ${e instanceof Error ? e.message : String(e)}`]);
    }
  }
  // YAML 1.2 core schema, as for agreement files: dates stay strings.
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CliError(
      doc.errors.map((err) => {
        const pos = err.linePos?.[0];
        return `${path}: ${pos ? `line ${pos.line}, column ${pos.col}` : 'syntax'}: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    );
  }
  return doc.toJS() as unknown;
}

/** A mapping read from a file, or a clear refusal when the file holds something else. */
export async function readMappingFile(path: string): Promise<Record<string, unknown>> {
  const data = await readDataFile(path);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new CliError([`${path}: expected a mapping of fields`]);
  return data as Record<string, unknown>;
}
