/**
 * An agreement given on the import page, pure: read and validated as `pacte start` reads a file
 * (same result for the same text), pasted YAML or JSON told apart, every problem returned with
 * its field path and the source line it is about; the calendar previewed with moved dates
 * explained; the changes an amendment makes to the public plan.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAgreementText } from '../../client/agreement-file';
import { planCalendar, toPublicPlan } from '../../domain/calendar';
import {
  annotatedLines,
  MAX_SOURCE_BYTES,
  pathParts,
  readAgreementSource,
  sourceName,
  sourceSummary,
} from '../../web/forms/agreement-source';
import { planChanges, hasChanges } from '../../web/forms/plan-changes';
import { previewRows } from '../../web/forms/plan-preview';

const FILE = 'examples/agreements/convention-cadre-terre-valserhone.yaml';
const TEXT = readFileSync(FILE, 'utf8');

describe('agreement source', () => {
  it('reads an uploaded YAML file as `pacte start` does, keeping the data as written', () => {
    const read = readAgreementSource(TEXT, 'valserhone.yaml');
    const cli = parseAgreementText(TEXT, FILE);
    expect(read.ok && cli.ok).toBe(true);
    if (!read.ok || !cli.ok) return;
    expect(read.agreement).toEqual(cli.agreement);
    expect(read.data).toEqual(YAML.parse(TEXT));
  });

  it('tells pasted JSON from pasted YAML', () => {
    const json = JSON.stringify(YAML.parse(TEXT));
    expect(sourceName(json)).toMatch(/\.json$/);
    expect(sourceName(TEXT)).toMatch(/\.yaml$/);
    expect(sourceName(json, 'given.yml')).toBe('given.yml');
    const read = readAgreementSource(`  ${json}`);
    expect(read.ok && read.agreement.id).toBe('valserhone-2025');
  });

  it('returns every problem with its field path and the line it is on', () => {
    const broken = TEXT.replace('email: julien.moreau@example.org', 'email: julien.moreau').replace(
      'kind: convention-cadre',
      'kind: convention-cadre\ncolour: blue',
    );
    const read = readAgreementSource(broken, 'broken.yaml');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const lines = broken.split('\n');
    const email = read.problems.find((p) => p.path === 'people[1].email');
    expect(email).toBeDefined();
    expect(email!.message).toBe('n’est pas une adresse électronique');
    expect(lines[email!.line! - 1]).toContain('julien.moreau');
    const colour = read.problems.find((p) => p.path === 'colour');
    expect(colour?.message).toBe('champ inconnu');
    expect(lines[colour!.line! - 1]).toContain('colour: blue');
    const annotated = annotatedLines(broken, read.problems);
    expect(annotated).toHaveLength(lines.length);
    expect(annotated[colour!.line! - 1]!.problems).toContainEqual(colour);
  });

  it('places a missing field on its parent, and a syntax error on its line', () => {
    const missing = readAgreementSource(TEXT.replace(/^title: .*\n/m, ''), 'x.yaml');
    expect(!missing.ok && missing.problems.find((p) => p.path === 'title')).toMatchObject({ message: 'à renseigner' });
    const syntax = readAgreementSource('id: a\n  bad: [\n', 'x.yaml');
    expect(!syntax.ok && syntax.problems[0]!.line).toBeGreaterThan(0);
    const json = readAgreementSource('{"id": "a",\n "kind": }', 'x.json');
    expect(!json.ok && json.problems[0]!.message).toMatch(/JSON/);
  });

  it('refuses an empty text and one larger than the limit, reading nothing', () => {
    expect(readAgreementSource('   ').ok).toBe(false);
    const big = readAgreementSource(`# ${'x'.repeat(MAX_SOURCE_BYTES)}\n${TEXT}`, 'big.yaml');
    expect(!big.ok && big.problems[0]!.message).toMatch(/dépasse/);
  });

  it('summarises the problems, each linked to its line, and counts those past twenty', () => {
    const problems = Array.from({ length: 22 }, (_, i) => ({ path: `people[${i}].email`, line: i + 3, message: 'x' }));
    const summary = sourceSummary([{ message: 'syntaxe' }, ...problems]);
    expect(summary[0]).toEqual({ text: 'syntaxe', href: '#problemes' });
    expect(summary[1]).toEqual({ text: 'people[0].email\u00a0: x', href: '#ligne-3' });
    expect(summary).toHaveLength(21);
    expect(summary.at(-1)!.text).toBe('et 3\u00a0autres problèmes');
  });

  it('splits a field path into its parts', () => {
    expect(pathParts('people[2].email')).toEqual(['people', 2, 'email']);
    expect(pathParts('meetings.annual-review.rrule')).toEqual(['meetings', 'annual-review', 'rrule']);
  });
});

describe('calendar preview and changes', () => {
  const parsed = parseAgreementText(TEXT, FILE);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const agreement = parsed.agreement;

  it('lists each event with its date, title and recipients by name, and says why a date moved', () => {
    const calendar = planCalendar(agreement);
    const rows = previewRows(agreement, calendar);
    expect(rows.map((r) => r.id)).toEqual(calendar.entries.map((e) => e.id));
    const names = new Set(agreement.people.map((p) => p.name));
    for (const row of rows) for (const name of row.recipients) expect(names.has(name)).toBe(true);
    const moved = calendar.entries.filter((e) => e.movedFrom);
    for (const e of moved) expect(rows.find((r) => r.id === e.id)!.moved).toMatch(/^déplacée du /);
    expect(rows.filter((r) => r.moved).length).toBe(moved.length);
  });

  it('finds nothing changed between a plan and itself', () => {
    const plan = toPublicPlan(planCalendar(agreement));
    expect(hasChanges(planChanges(plan, plan))).toBe(false);
  });

  it('finds events added, removed, moved and reminders changed', () => {
    const before = toPublicPlan(planCalendar(agreement));
    const [a, b, c, d] = before.events;
    const after = {
      ...before,
      events: [
        { ...a!, date: '2099-01-01', at: '2099-01-01T10:00:00.000+01:00' },
        { ...b!, reminders: [] },
        ...before.events.slice(4),
        { ...d!, id: 'new-event' },
      ],
    };
    const changes = planChanges(before, after);
    expect(changes.moved.map((m) => [m.before.id, m.after.date])).toEqual([[a!.id, '2099-01-01']]);
    expect(changes.added.map((e) => e.id)).toEqual(['new-event']);
    expect(changes.removed.map((e) => e.id)).toEqual([c!.id, d!.id]);
    expect(changes.remindersChanged.map((m) => m.after.id)).toEqual(b!.reminders.length ? [b!.id] : []);
  });
});
