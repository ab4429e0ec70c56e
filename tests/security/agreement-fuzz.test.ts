/**
 * Fuzzing the agreement file: at least 10,000 files, mutated from the four examples (fields
 * deleted, replaced by hostile values of every type, dates, rrules, durations, times, zones
 * broken, unknown and prototype-polluting keys added) or generated from nothing, go through
 * `parseAgreement`. Each is either valid or rejected with `path: message` lines whose path names
 * a field; nothing ever throws, and Object.prototype is left alone.
 *
 * Runs: `PACTE_FUZZ_RUNS` (default 10,000 mutated + 1,000 generated; about 10 s here).
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { AgreementFileSchema } from '../../domain/agreement-schema';
import { parseAgreement } from '../../domain/parse-agreement';

const RUNS = Number(process.env.PACTE_FUZZ_RUNS || 10_000);
const EXAMPLES = fileURLToPath(new URL('../../examples/agreements/', import.meta.url));
const SOURCES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => YAML.parse(readFileSync(`${EXAMPLES}${f}`, 'utf8')) as Record<string, unknown>);
const TOP_FIELDS = new Set(Object.keys(AgreementFileSchema.shape));

/** `path: message`, the path a field (`people[2].email`, `meetings.x.rrule`) or `(file)`. */
const PROBLEM = /^(\(file\)|[^\s:[\].][^\n]*?): \S[^\n]*$/;

type Path = (string | number)[];

/** Every path in a JSON-like tree, the root excluded. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

/** Own-property writes only (JSON.parse semantics): a `__proto__` key is data, as from a YAML file. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\r\nBcc: x@attacker.example',
    '__proto__',
    'constructor',
    'toString',
    '${jndi:x}',
    '../../etc/passwd',
    // dates
    '2025-02-29',
    '2024-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '0000-01-01',
    '9999-12-31',
    '+275760-09-13',
    '2025-1-1',
    '2025-01-01T25:00',
    '01/02/2025',
    // durations
    'P',
    'PT',
    'P1Y2M',
    '-P1M',
    'P-1M',
    'PT-5H',
    'P999999999Y',
    'P1.5M',
    'P1W2D',
    'P0D',
    'PT0S',
    '1 month',
    'P1M ',
    // rrules
    'FREQ=YEARLY;BYMONTH=13',
    'FREQ=DAILY;COUNT=99999999',
    'FREQ=MINUTELY',
    'FREQ=SECONDLY;INTERVAL=1',
    'RRULE:FREQ=WEEKLY;BYDAY=XX',
    'FREQ=MONTHLY;BYMONTHDAY=31;BYSETPOS=-1',
    'FREQ=MONTHLY;BYDAY=5FR',
    'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO',
    'FREQ=WEEKLY;INTERVAL=0',
    'FREQ=YEARLY;UNTIL=19000101',
    'FREQ=DAILY;BYHOUR=99',
    'DTSTART:20250101T000000Z\nRRULE:FREQ=DAILY',
    'FREQ=MONTHLY;BYMONTHDAY=-40',
    // times and zones
    '25:00',
    '12:60',
    '9:00',
    '00:00',
    '23:59',
    '24:00',
    'Mars/Olympus',
    'Europe/Paris ',
    'UTC',
    'Etc/GMT+14',
    'America/St_Johns',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 3 }).map((n) => 'x'.repeat([1_000, 10_000, 100_000, 1_000_000][n]!)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    2 ** 53,
    1e308,
    [],
    {},
    [null],
    [[]],
    { __proto__: null },
  ),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(hostileString, { maxLength: 4 }),
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'valueOf',
    'toString',
    '',
    ' ',
    'ID',
    'rrule ',
    'x'.repeat(500),
  ),
  fc.string({ maxLength: 12 }),
);

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'duplicate'; at: number }
  | { op: 'stringify'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: hostileValue }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('stringify' as const), at: fc.nat() }),
);

function mutate(source: Record<string, unknown>, mutations: Mutation[]): unknown {
  const file = structuredClone(source) as Record<string | number, unknown>;
  for (const m of mutations) {
    const all = paths(file);
    // The root itself may be touched too: index all.length.
    const path = all[m.at % (all.length + 1)];
    const parentPath = path ? path.slice(0, -1) : undefined;
    const parent = (parentPath ?? []).reduce<unknown>(
      (v, k) => (v as Record<string | number, unknown>)[k],
      file,
    ) as Record<string | number, unknown>;
    const key = path?.[path.length - 1];
    if (key === undefined || parent === null || typeof parent !== 'object') {
      if (m.op === 'add') setOwn(file, m.key, m.value);
      continue;
    }
    const current = parent[key];
    switch (m.op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'replace':
        setOwn(parent, key, m.value);
        break;
      case 'add':
        if (current !== null && typeof current === 'object' && !Array.isArray(current))
          setOwn(current as Record<string, unknown>, m.key, m.value);
        else if (Array.isArray(current)) current.push(m.value);
        else if (Array.isArray(parent))
          parent.push(m.value); // arrays from YAML have no named keys
        else setOwn(parent, m.key, m.value);
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(current));
        else if (Array.isArray(current)) current.push(structuredClone(current[0]));
        break;
      case 'stringify':
        // Types swapped the way YAML does it: a number as text, text as a number, a date as text.
        setOwn(
          parent,
          key,
          typeof current === 'string'
            ? Number.isNaN(Number(current))
              ? [current]
              : Number(current)
            : (JSON.stringify(current) ?? 'undefined'),
        );
        break;
    }
  }
  return file;
}

/** `oddKeys`: problems about keys that are blank or hold new lines, named as written (see RELIABILITY.md). */
const tally = { valid: 0, rejected: 0, problems: 0, oddKeys: 0 };

/**
 * KNOWN BUG (reported, domain/ is not ours to change): the `kind` error message calls
 * `String(input)`, which throws on an object that cannot become a string: `kind: { toString: 1 }`
 * in a YAML file, or a null-prototype object. Counted apart so any other crash still fails; the
 * regression test below flips to passing when it is fixed (then drop this).
 */
function check(input: unknown): void {
  const before = Object.getOwnPropertyNames(Object.prototype).length;
  let result: ReturnType<typeof parseAgreement>;
  try {
    result = parseAgreement(input);
  } catch (e) {
    throw new Error(`parseAgreement threw ${String(e)} on ${JSON.stringify(input)?.slice(0, 2000)}`, { cause: e });
  }
  expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  if (result.ok) {
    tally.valid++;
    return;
  }
  tally.rejected++;
  tally.problems += result.problems.length;
  expect(result.problems.length).toBeGreaterThan(0);
  const ownKeys = input !== null && typeof input === 'object' ? new Set(Object.keys(input)) : new Set<string>();
  for (const problem of result.problems) {
    expect(typeof problem).toBe('string');
    // The path names a field of the file: a known one, or a key the file has (an unknown key is
    // named as written, however odd: ' ', '', '__proto__').
    const named = [...TOP_FIELDS, ...ownKeys].some(
      (k) => problem.startsWith(`${k}: `) || problem.startsWith(`${k}.`) || problem.startsWith(`${k}[`),
    );
    if (named) {
      tally.oddKeys += PROBLEM.test(problem) ? 0 : 1;
      expect(
        problem.slice(problem.indexOf(': ') + 2).trim().length,
        `no message in ${JSON.stringify(problem).slice(0, 300)}`,
      ).toBeGreaterThan(0);
    } else {
      expect(problem, `not "path: message" naming a field: ${JSON.stringify(problem).slice(0, 300)}`).toMatch(
        /^\(file\): \S/,
      );
    }
  }
}

describe('agreement file fuzzing', () => {
  afterAll(() => {
    console.log(
      `[fuzz] agreement files: ${tally.valid + tally.rejected} tried, ${tally.valid} valid, ${tally.rejected} rejected with ${tally.problems} problems (${tally.oddKeys} naming a blank or multi-line key) and 0 crashes`,
    );
  });

  it(`${RUNS} mutated example files: valid or "field: message", never a crash`, () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SOURCES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          check(mutate(SOURCES[which]!, mutations));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`${Math.ceil(RUNS / 10)} generated inputs of any shape`, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
          fc.jsonValue(),
          hostileValue,
        ),
        (input) => {
          check(input);
        },
      ),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('a YAML file with `kind: { toString: 1 }` is rejected naming the field, not a crash', () => {
    const input = YAML.parse('id: x\nkind: { toString: 1 }\ntitle: t\n') as unknown;
    const result = parseAgreement(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.startsWith('kind: '))).toBe(true);
  });

  it('a prototype-polluting file pollutes nothing and is refused naming the key', () => {
    const file = JSON.parse(JSON.stringify(SOURCES[0])) as Record<string, unknown>;
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}`,
    ) as Record<string, unknown>;
    const input = { ...file };
    for (const k of Object.keys(hostile)) setOwn(input, k, hostile[k]);
    setOwn(input.term as Record<string, unknown>, '__proto__', { polluted: 'yes' });
    const result = parseAgreement(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/__proto__: unknown field/);
  });
});
