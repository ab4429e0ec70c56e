/**
 * Hostile operation payloads against every schema of domain/operations.ts (what the `pacte`
 * commands and the workflow's update validators both apply): wrong types, missing and extra
 * fields, huge strings, deep nesting, `__proto__` / `constructor` keys. Every payload is parsed
 * without throwing; a refusal is a list of `field: message` lines (describeZodError) naming a
 * field of the operation or the payload's own key; Object.prototype is left alone.
 *
 * That an update so refused changes nothing in a running lifecycle is covered by
 * tests/workflows/lifecycle-invalid-operations.test.ts (real server).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as ops from '../../domain/operations';

const RUNS = Number(process.env.PACTE_FUZZ_RUNS || 10_000);
const SCHEMAS = {
  CensusAnswerInput: ops.CensusAnswerInput,
  RetainedProjectsInput: ops.RetainedProjectsInput,
  ProjectSheetInput: ops.ProjectSheetInput,
  MeetingHeldInput: ops.MeetingHeldInput,
  NoticeInput: ops.NoticeInput,
  RenewalMeetingInput: ops.RenewalMeetingInput,
  DisputeInput: ops.DisputeInput,
  AgreementFileInput: ops.AgreementFileInput,
  ChangePersonInput: ops.ChangePersonInput,
} satisfies Record<string, z.ZodType>;

/** A valid example per operation, to mutate one field at a time. */
const VALID: Record<keyof typeof SCHEMAS, Record<string, unknown>> = {
  CensusAnswerInput: { year: 2026, answeredOn: '2026-09-15' },
  RetainedProjectsInput: {
    year: 2026,
    notifiedOn: '2026-10-01',
    projects: [{ id: 'projet-1', title: 'Formation', leads: ['ref-cnfpt'] }],
  },
  ProjectSheetInput: {
    projectId: 'projet-1',
    label: 'Formation managers',
    place: 'Bellegarde',
    period: 'printemps 2027',
    mode: 'mixte',
    participants: 12,
    regulated: false,
    context: 'Contexte',
    objectives: 'Objectifs',
    submittedOn: '2026-11-02',
  },
  MeetingHeldInput: {
    entryId: 'annual-review-2026-12-08',
    heldOn: '2026-12-08',
    minutesUrl: 'https://example.org/cr',
    trackingTable: 'up-to-date',
  },
  NoticeInput: { byParty: 'cnfpt-ara', givenOn: '2026-06-30' },
  RenewalMeetingInput: { heldOn: '2027-03-01' },
  DisputeInput: { byParty: 'terre-valserhone', notifiedOn: '2026-05-01', subject: 'Désaccord' },
  AgreementFileInput: { agreement: { id: 'x' }, summary: 'Avenant 1' },
  ChangePersonInput: {
    change: 'add',
    personId: 'sign-cnfpt',
    person: { id: 'sign-cnfpt-2', name: 'Nouvelle Déléguée', email: 'deleguee@example.org' },
    effectiveOn: '2026-12-01',
    recordedBy: { via: 'web', personId: 'ref-cnfpt', account: 'camille.martin@example.org' },
  },
};

const huge = fc.nat({ max: 2 }).map((n) => 'é'.repeat([5_000, 100_000, 2_000_000][n]!));
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2100.5,
    1999,
    1e308,
    '',
    ' ',
    '\r\n',
    '2026-02-30',
    '2026-13-01',
    '20260101',
    'javascript:alert(1)',
    'http://',
    'https://example.org/\r\nX: y',
    'presentiel ',
    'MIXTE',
    '__proto__',
    [],
    {},
    [[[]]],
  ),
  huge,
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 3 }),
  fc.nat({ max: 3 }).map((depth) => {
    // Deep nesting: 10^depth levels of arrays.
    let v: unknown = 'deep';
    for (let i = 0; i < 10 ** depth; i++) v = [v];
    return v;
  }),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', 'Year', 'x'.repeat(10_000)),
  fc.string({ maxLength: 10 }),
);

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const tally = { tried: 0, accepted: 0, refused: 0, lines: 0 };

function check(name: keyof typeof SCHEMAS, input: unknown): void {
  const schema = SCHEMAS[name];
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).join(',');
  let lines: string[] = [];
  let ok: boolean;
  try {
    const result = schema.safeParse(input);
    ok = result.success;
    if (!result.success) lines = ops.describeZodError(result.error);
  } catch (e) {
    throw new Error(`${name}: threw ${String(e).slice(0, 300)}`, { cause: e });
  }
  tally.tried++;
  expect(Object.getOwnPropertyNames(Object.prototype).join(',')).toBe(protoBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  if (ok) {
    tally.accepted++;
    return;
  }
  tally.refused++;
  tally.lines += lines.length;
  expect(lines.length).toBeGreaterThan(0);
  const fields = new Set([
    ...Object.keys(VALID[name]),
    ...(input !== null && typeof input === 'object' ? Object.keys(input) : []),
  ]);
  for (const line of lines) {
    const at = line.indexOf(': ');
    expect(at, `not "field: message": ${line.slice(0, 200)}`).toBeGreaterThan(0);
    expect(line.slice(at + 2).trim().length).toBeGreaterThan(0);
    const path = line.slice(0, at);
    // The whole payload is wrong (not an object): `(input)`; otherwise a field it has or needs.
    const named =
      path === '(input)' || [...fields].some((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`));
    expect(named, `"${line.slice(0, 200)}" names no field of ${name}`).toBe(true);
    expect(line.length, 'a refusal line stays short even for huge input').toBeLessThan(20_000);
  }
}

describe('operation payload fuzzing', () => {
  afterAll(() => {
    console.log(
      `[fuzz] operations: ${tally.tried} payloads over ${Object.keys(SCHEMAS).length} schemas, ${tally.accepted} accepted, ${tally.refused} refused with ${tally.lines} field: message lines, 0 crashes`,
    );
  });

  const names = Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[];

  it('every valid example is accepted', () => {
    for (const name of names) expect(SCHEMAS[name].safeParse(VALID[name]).success, name).toBe(true);
  });

  it(`${RUNS} mutated payloads (a field replaced, removed or added)`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(
          fc.record({ op: fc.constantFrom('replace', 'delete', 'add'), at: fc.nat(), key: hostileKey, value: hostile }),
          { minLength: 1, maxLength: 3 },
        ),
        (name, mutations) => {
          const input: Record<string, unknown> = structuredClone(VALID[name]);
          for (const m of mutations) {
            const keys = Object.keys(input);
            const key = keys[m.at % Math.max(1, keys.length)];
            if (m.op === 'delete' && key !== undefined) delete input[key];
            else if (m.op === 'replace' && key !== undefined) setOwn(input, key, m.value);
            else setOwn(input, m.key, m.value);
          }
          check(name, input);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`${Math.ceil(RUNS / 10)} payloads of any shape`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), hostile, (name, input) => check(name, input)),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('prototype-polluting payloads pollute nothing and are refused naming the key', () => {
    for (const name of names) {
      const input = JSON.parse(
        `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}`,
      ) as Record<string, unknown>;
      for (const [k, v] of Object.entries(VALID[name])) setOwn(input, k, v);
      check(name, input);
      const result = SCHEMAS[name].safeParse(input);
      expect(result.success, name).toBe(false);
      if (!result.success) expect(ops.describeZodError(result.error).join('\n')).toMatch(/__proto__|constructor/);
    }
  });
});
