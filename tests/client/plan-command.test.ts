/**
 * `pacte plan`, run as users run it: `node bin/pacte.js plan …` in a child process, on every
 * example agreement, in the three output formats (docs/contracts.md#plan-json).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_EVENT_TYPES } from '../../domain/plan';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples/agreements');
const FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const TMP = mkdtempSync(join(tmpdir(), 'pacte-plan-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function pacte(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/pacte.js'), ...args],
      { cwd: ROOT, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, PACTE_DEBUG: '' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/;

/** Checks the exact plan JSON shape (docs/contracts.md#plan-json) and returns the plan. */
function checkPlanShape(
  text: string,
  file: string,
): { agreement: string; events: { id: string; type: string; at: string; window?: string }[] } {
  const plan = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(plan).sort()).toEqual(['agreement', 'events', 'timezone']);
  const source = YAML.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as {
    id: string;
    meetings?: Record<string, unknown>;
  };
  expect(plan.agreement).toBe(source.id);
  expect(plan.timezone).toBe('Europe/Paris');
  const events = plan.events as Record<string, unknown>[];
  expect(events.length).toBeGreaterThan(0);
  const types = new Set<string>([...BUILTIN_EVENT_TYPES]);
  let previous = -Infinity;
  for (const e of events) {
    const keys = Object.keys(e);
    for (const k of ['id', 'type', 'date', 'at', 'reminders']) expect(keys).toContain(k);
    for (const k of keys)
      expect(['id', 'type', 'date', 'at', 'allDay', 'end', 'window', 'movedFrom', 'article', 'reminders']).toContain(k);
    expect(e.date).toMatch(DATE);
    expect(e.at).toMatch(INSTANT);
    expect(String(e.at).slice(0, 10)).toBe(e.date);
    if ('movedFrom' in e) expect(e.movedFrom).toMatch(DATE);
    // One-off events only, each field only where it applies (never false or null).
    if ('allDay' in e) expect([e.type, e.allDay, 'window' in e]).toEqual(['event', true, false]);
    if ('end' in e) {
      expect(e.type).toBe('event');
      expect(e.end).toMatch(DATE);
      expect(String(e.end) > String(e.date)).toBe(true);
    }
    if ('window' in e) {
      expect(e.type).toBe('event');
      expect(e.window).toMatch(/^\d{4}-(H[12]|Q[1-4]|0[1-9]|1[0-2])$/);
      expect('end' in e).toBe(false);
    }
    if ('article' in e) expect(typeof e.article).toBe('string');
    expect(typeof e.type).toBe('string');
    if (!types.has(String(e.type)))
      expect(
        Object.keys(source.meetings ?? {}).concat(['pilot-review', 'steering-committee', 'annual-review', 'follow-up']),
      ).toContain(e.type);
    const at = Date.parse(String(e.at));
    expect(at).toBeGreaterThanOrEqual(previous);
    previous = at;
    for (const r of e.reminders as Record<string, unknown>[]) {
      expect(Object.keys(r).sort()).toEqual(['at', 'to']);
      expect(r.at).toMatch(INSTANT);
      expect(Array.isArray(r.to)).toBe(true);
      for (const id of r.to as unknown[]) expect(typeof id).toBe('string');
    }
  }
  return plan as never;
}

function icsEvents(text: string): ICAL.Component[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.name).toBe('vcalendar');
  return cal.getAllSubcomponents('vevent');
}

describe.each(FILES)('pacte plan %s', (file) => {
  const path = join(EXAMPLES, file);
  let json: Run;

  beforeAll(async () => {
    json = await pacte('plan', path, '--json');
  });

  it('--json prints exactly the §7 contract', () => {
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    checkPlanShape(json.stdout, file);
  });

  it('the same file as JSON gives the same plan', async () => {
    const asJson = join(TMP, file.replace(/\.yaml$/, '.json'));
    writeFileSync(asJson, JSON.stringify(YAML.parse(readFileSync(path, 'utf8'))));
    const run = await pacte('plan', asJson, '--json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(json.stdout);
  });

  it('--ics is valid RFC 5545 with one VEVENT per dated entry and stable UIDs', async () => {
    const [first, second] = await Promise.all([pacte('plan', path, '--ics'), pacte('plan', path, '--ics')]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const plan = checkPlanShape(json.stdout, file);
    const events = icsEvents(first.stdout);
    const uids = events.map((e) => String(e.getFirstPropertyValue('uid')));
    // Undated events (window) have no day, hence no VEVENT.
    expect(uids).toEqual(plan.events.filter((e) => !e.window).map((e) => `${e.id}@${plan.agreement}.pacte`));
    expect(new Set(uids).size).toBe(uids.length);
    expect(icsEvents(second.stdout).map((e) => String(e.getFirstPropertyValue('uid')))).toEqual(uids);
    for (const e of events) {
      const start = e.getFirstPropertyValue('dtstart') as ICAL.Time;
      expect(start).toBeInstanceOf(ICAL.Time);
      expect(e.getFirstPropertyValue('summary')).toBeTruthy();
      // Timed events are in UTC; all-day events are dates.
      if (!start.isDate) expect(start.zone?.tzid).toBe('UTC');
    }
  });

  it('the table speaks French: long dates, names', async () => {
    const run = await pacte('plan', path);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const source = YAML.parse(readFileSync(path, 'utf8')) as { title: string };
    // As written, with the one apostrophe (’) of every output.
    expect(run.stdout).toContain(source.title.replace(/'/g, '’'));
    expect(run.stdout).not.toContain("'");
    expect(run.stdout).toMatch(
      /(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d{1,2} h \d{2}/,
    );
    expect(run.stdout).toContain('rappels :');
  });
});

describe('pacte plan details', () => {
  const valserhone = join(EXAMPLES, 'convention-cadre-terre-valserhone.yaml');
  const cot = join(EXAMPLES, 'cot-seine-et-marne.yaml');

  it('the table shows who is reminded by name, what moved and why', async () => {
    const v = await pacte('plan', valserhone);
    expect(v.stdout).toContain('mardi 9 décembre 2025 à 14 h 00 — Rencontre annuelle de suivi du partenariat (art. 7)');
    expect(v.stdout).toContain('→ Camille Martin, Julien Moreau');
    expect(v.stdout).toContain('indicateurs à fournir (art. 8)');
    const c = await pacte('plan', cot);
    expect(c.stdout).toContain('déplacé du mardi 1er novembre 2011 (Toussaint)');
  });

  it('--json shows moves with movedFrom', async () => {
    const run = await pacte('plan', cot, '--json');
    const plan = JSON.parse(run.stdout) as { events: { id: string; date: string; movedFrom?: string }[] };
    expect(plan.events.find((e) => e.id === 'pilot-review-2011-11-01')).toMatchObject({
      date: '2011-11-02',
      movedFrom: '2011-11-01',
    });
  });

  it('--ics OUT writes the file and nothing on stdout', async () => {
    const out = join(TMP, 'valserhone.ics');
    const run = await pacte('plan', valserhone, '--ics', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(icsEvents(readFileSync(out, 'utf8')).length).toBeGreaterThan(0);
  });

  it('--from leaves out what comes before', async () => {
    const run = await pacte('plan', valserhone, '--json', '--from', '2026-01-01');
    const plan = JSON.parse(run.stdout) as { events: { at: string }[] };
    expect(plan.events.length).toBeGreaterThan(0);
    for (const e of plan.events)
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00+01:00'));
    const bad = await pacte('plan', valserhone, '--from', '2026-13-01');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--from/);
  });

  it('--version', async () => {
    const run = await pacte('--version');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('pacte plan: one-off events as written (calendar rule 11)', () => {
  const vaucluse = join(EXAMPLES, 'plan-action-vaucluse.yaml');
  // The example plus the other window forms and a timed multi-day event.
  const more = join(TMP, 'vaucluse-more.yaml');
  beforeAll(() => {
    const source = YAML.parse(readFileSync(vaucluse, 'utf8')) as { events: Record<string, unknown>[] };
    source.events.push(
      { id: 'forum-q3', title: 'Forum des managers', window: '2024-Q3' },
      { id: 'atelier-septembre', title: 'Atelier codéveloppement', window: '2024-09' },
      { id: 'seminaire', title: 'Séminaire des DGS', start: '2024-10-10', end: '2024-10-11', time: '08:30' },
      { id: 'webinaire', title: 'Webinaire', date: '2024-10-15', time: '14:00' },
    );
    writeFileSync(more, YAML.stringify(source));
  });

  const block = (text: string, title: string) => {
    const b = text.split('\n\n').find((x) => x.includes(`— ${title}`));
    if (!b) throw new Error(`no block for ${title} in:\n${text}`);
    return b;
  };

  it('the text listing: no invented time, both days of a week, the window of an undated event', async () => {
    const run = await pacte('plan', vaucluse);
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text).toContain('● vendredi 28 juin 2024 — Congrès régional du SNDGCT  [event]');
    expect(text).toContain('● jeudi 4 juillet 2024 — Colloque transition écologique et gestion des risques  [event]');
    expect(text).toContain(
      '● du lundi 25 au vendredi 29 novembre 2024 — Semaine des transitions professionnelles  [event]',
    );
    // The file writes « Soirée de l'INET »: the listing shows the one apostrophe the e-mails use.
    expect(text).toContain('● au second semestre 2024 (date à fixer) — Soirée de l’INET  [event]');
    expect(text.split('\n')[0]).toBe(
      'Plan d’action opérationnel SNDGCT Vaucluse – CNFPT PACA (plan-action-vaucluse-2024)',
    );
    expect(text).not.toContain("'");
    expect(text).not.toMatch(/2024 à 9 h 00 — (Congrès|Colloque|Semaine|Journée|Soirée)/);
    expect(text).not.toContain('1er juillet 2024');
    // The reminders have a time: reminders.time, on their own days.
    expect(block(text, 'Soirée de l’INET')).toContain(
      'vendredi 31 mai 2024 à 9 h 00 → Astrid Vougrets, Karine Icard — fixer une date',
    );
    expect(block(text, 'Semaine des transitions professionnelles')).toContain(
      'vendredi 25 octobre 2024 à 9 h 00 → Astrid Vougrets, Karine Icard',
    );
    const other = await pacte('plan', more);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('● au troisième trimestre 2024 (date à fixer) — Forum des managers  [event]');
    expect(other.stdout).toContain('● en septembre 2024 (date à fixer) — Atelier codéveloppement  [event]');
    expect(other.stdout).toContain(
      '● du jeudi 10 au vendredi 11 octobre 2024 (début à 8 h 30) — Séminaire des DGS  [event]',
    );
    expect(other.stdout).toContain('● mardi 15 octobre 2024 à 14 h 00 — Webinaire  [event]');
  });

  it('--json: allDay, end and window where they apply, date and at unchanged', async () => {
    const run = await pacte('plan', more, '--json');
    expect(run.code).toBe(0);
    const plan = checkPlanShape(run.stdout, 'plan-action-vaucluse.yaml') as unknown as {
      events: Record<string, unknown>[];
    };
    const pick = (id: string) => {
      const e = plan.events.find((x) => x.id === id);
      if (!e) throw new Error(`no ${id}`);
      const { reminders: _r, ...rest } = e;
      return rest;
    };
    expect(pick('congres-regional')).toEqual({
      id: 'congres-regional',
      type: 'event',
      date: '2024-06-28',
      at: '2024-06-28T09:00:00.000+02:00',
      allDay: true,
    });
    expect(pick('semaine-transitions')).toEqual({
      id: 'semaine-transitions',
      type: 'event',
      date: '2024-11-25',
      at: '2024-11-25T09:00:00.000+01:00',
      allDay: true,
      end: '2024-11-29',
    });
    expect(pick('soiree-inet')).toEqual({
      id: 'soiree-inet',
      type: 'event',
      date: '2024-07-01',
      at: '2024-07-01T09:00:00.000+02:00',
      window: '2024-H2',
    });
    expect(pick('atelier-septembre')).toMatchObject({ date: '2024-09-01', window: '2024-09' });
    expect(pick('forum-q3')).toMatchObject({ date: '2024-07-01', window: '2024-Q3' });
    expect(pick('seminaire')).toEqual({
      id: 'seminaire',
      type: 'event',
      date: '2024-10-10',
      at: '2024-10-10T08:30:00.000+02:00',
      end: '2024-10-11',
    });
    expect(pick('webinaire')).toEqual({
      id: 'webinaire',
      type: 'event',
      date: '2024-10-15',
      at: '2024-10-15T14:00:00.000+02:00',
    });
    // Sorted by at then id: the undated events sit at their placeholder.
    const order = plan.events.filter((e) => e.type === 'event').map((e) => e.id);
    expect(order.slice(0, 5)).toEqual([
      'congres-regional',
      'forum-q3',
      'soiree-inet',
      'colloque-ensosp',
      'atelier-septembre',
    ]);
  });

  it('--ics: all-day dates, a multi-day span with an exclusive end, nothing on a made-up day', async () => {
    const run = await pacte('plan', more, '--ics');
    expect(run.code).toBe(0);
    const cal = new ICAL.Component(ICAL.parse(run.stdout));
    const events = new Map(cal.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]));
    const uid = (id: string) => `${id}@plan-action-vaucluse-2024.pacte`;
    const span = (id: string) => {
      const e = events.get(uid(id));
      if (!e) throw new Error(`no VEVENT ${id}`);
      const start = e.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = e.getFirstPropertyValue('dtend') as ICAL.Time;
      return { start: start.toString(), end: end.toString(), allDay: start.isDate && end.isDate };
    };
    expect(span('congres-regional')).toEqual({ start: '2024-06-28', end: '2024-06-29', allDay: true });
    expect(span('semaine-transitions')).toEqual({ start: '2024-11-25', end: '2024-11-30', allDay: true });
    expect(span('seminaire')).toEqual({ start: '2024-10-10', end: '2024-10-12', allDay: true });
    expect(String(events.get(uid('seminaire'))?.getFirstPropertyValue('description'))).toContain(
      'Début : jeudi 10 octobre 2024 à 8 h 30',
    );
    expect(span('webinaire')).toEqual({ start: '2024-10-15T12:00:00Z', end: '2024-10-15T13:00:00Z', allDay: false });
    for (const id of ['soiree-inet', 'forum-q3', 'atelier-septembre']) expect(events.has(uid(id))).toBe(false);
    expect(cal.getAllSubcomponents('vtodo')).toEqual([]);
    expect(String(cal.getFirstPropertyValue('x-wr-caldesc'))).toBe(
      "Dates à fixer : Forum des managers (au troisième trimestre 2024) ; Soirée de l'INET (au second semestre 2024) ; Atelier codéveloppement (en septembre 2024)",
    );
    for (const e of events.values()) expect(String(e.getFirstPropertyValue('summary'))).not.toContain('date à fixer');
  });
});

describe('pacte plan on an invalid file', () => {
  it('lists every problem on stderr, prefixed by the file name; exit 1; nothing on stdout', async () => {
    const source = YAML.parse(readFileSync(join(EXAMPLES, 'convention-cadre-terre-valserhone.yaml'), 'utf8'));
    source.people[1].email = 'julien.moreau@';
    source.term.endsOn = '2024-12-31';
    source.meetings = { 'annual-review': { rrule: 'FREQ=MONTHLY;BYDAY=9XX', attendees: ['referent', 'directeur'] } };
    const file = join(TMP, 'invalid.yaml');
    writeFileSync(file, YAML.stringify(source));
    for (const format of [[], ['--json'], ['--ics']]) {
      const run = await pacte('plan', file, ...format);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      for (const line of lines) expect(line.startsWith(`${file}: `)).toBe(true);
      expect(lines).toContain(`${file}: people[1].email: not an e-mail address`);
      expect(lines.some((l) => l.startsWith(`${file}: meetings.annual-review.rrule: `))).toBe(true);
    }
    // Structure first, then cross-field rules once the shape is right.
    source.people[1].email = 'julien.moreau@example.org';
    source.meetings['annual-review'].rrule = 'FREQ=YEARLY;BYMONTH=12;BYDAY=2TU';
    writeFileSync(file, YAML.stringify(source));
    const run = await pacte('plan', file, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}: term.endsOn: ends on 2024-12-31, not after the start 2025-01-15`);
    expect(run.stderr).toContain(`${file}: meetings.annual-review.attendees[1]: unknown person or role "directeur"`);
  });

  it('a YAML syntax error gives its line', async () => {
    const file = join(TMP, 'broken.yaml');
    writeFileSync(file, 'id: broken-file\nkind: cot\nparties: [\n  { id: a, name: b\n');
    const run = await pacte('plan', file, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, column \\d+: `, 'm'),
    );
  });

  it('a missing file says so', async () => {
    const run = await pacte('plan', join(TMP, 'nope.yaml'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${join(TMP, 'nope.yaml')}: file not found\n`);
  });

  it('an unsupported extension says so', async () => {
    const file = join(TMP, 'agreement.txt');
    writeFileSync(file, 'id: x');
    const run = await pacte('plan', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unsupported file type ".txt"/);
  });
});
