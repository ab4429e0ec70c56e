/**
 * The lint rules keep their promise: workflow and domain code that imports Node I/O, mail, the
 * client or worker SDK, an activity's implementation or the operations' schema pairing fails
 * `npm run lint` (and so `npm test` and CI), while type-only imports of activities pass. Each
 * case is a real file written beside the workflows for the time of the check.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function problemsOf(folder: string, code: string): Promise<string[]> {
  const file = join(ROOT, folder, `lint-probe-${process.pid}.ts`);
  writeFileSync(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('lint rules for the deterministic sandbox', () => {
  it.each([
    ['workflows', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['workflows', "import nodemailer from 'nodemailer';\nexport const m = nodemailer;\n"],
    ['workflows', "import { Client } from '@temporalio/client';\nexport const c = Client;\n"],
    ['workflows', "import { createActivities } from '../activities';\nexport const a = createActivities;\n"],
    ['workflows', "import { OPERATIONS } from '../contracts/operations';\nexport const o = OPERATIONS;\n"],
    ['domain', "import { homedir } from 'os';\nexport const h = homedir;\n"],
  ])('%s: %s is refused', async (folder, code) => {
    const problems = await problemsOf(folder, code);
    expect(problems.some((p) => p.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('a type-only import of the activities is allowed in a workflow', async () => {
    const code =
      "import type { createActivities } from '../activities';\nexport type A = ReturnType<typeof createActivities>;\n";
    expect(await problemsOf('workflows', code)).toEqual([]);
  });

  it('a floating promise is refused anywhere', async () => {
    const code = 'async function later(): Promise<void> {}\nexport function now(): void {\n  later();\n}\n';
    expect(
      (await problemsOf('client', code)).some((p) => p.startsWith('@typescript-eslint/no-floating-promises')),
    ).toBe(true);
  });
});
