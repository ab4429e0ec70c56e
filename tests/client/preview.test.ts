/**
 * `pacte preview`, run as users run it: `node bin/pacte.js preview …` in a child process. What
 * it writes is checked against the planner's own output, computed here from `planCalendar`
 * (not from the term simulation): one `.eml` per (day, person) of the planned reminders, each
 * addressed to that person, with the Message-ID the lifecycle gives that e-mail, and an
 * invitation on every meeting reminder. Also: the committed corpus
 * (docs/preview/valserhone-2025, and its English copy docs/preview/valserhone-2025-en) is what
 * the command writes today.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { longDate } from '../../activities/render/format';
import { parseAgreementText } from '../../client/agreement-file';
import { initialLifecycleState } from '../../contracts/lifecycle-state';
import type { Agreement } from '../../domain/agreement';
import { planCalendar } from '../../domain/calendar';
import { entryReminderKeys } from '../../workflows/due-items';
import { reminderMessageId } from '../../workflows/message-id';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILE = join(ROOT, 'examples/agreements/convention-cadre-terre-valserhone.yaml');
const CORPUS = join(ROOT, 'docs/preview/valserhone-2025');
const FILE_EN = join(ROOT, 'examples/agreements/en/convention-cadre-terre-valserhone.yaml');
const CORPUS_EN = join(ROOT, 'docs/preview/valserhone-2025-en');
const TMP = mkdtempSync(join(tmpdir(), 'pacte-preview-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function pacte(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PACTE_DEBUG: '' };
  delete env.MAIL_FROM;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/pacte.js'), ...args],
      { cwd: ROOT, maxBuffer: 32 * 1024 * 1024, env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function loadAgreement(file: string): Agreement {
  const parsed = parseAgreementText(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.agreement;
}

interface Expected {
  day: string;
  person: string;
  /** The lifecycle's dedupe keys of that person's reminders that day. */
  keys: string[];
  meeting: boolean;
}

/** (day, person) pairs of the planned reminders, from the planner's output alone. */
function expectedEmails(agreement: Agreement, from?: string): Map<string, Expected> {
  const state = initialLifecycleState({ agreement }, '2000-01-01T00:00:00.000Z');
  const calendar = planCalendar(agreement, state.facts);
  const out = new Map<string, Expected>();
  for (const entry of calendar.entries) {
    const keys = entryReminderKeys(state, entry);
    entry.reminders.forEach((reminder, i) => {
      const day = reminder.at.slice(0, 10);
      if (from && day < from) return;
      for (const person of reminder.to) {
        const name = `${day}-${person}.eml`;
        const e = out.get(name) ?? { day, person, keys: [], meeting: false };
        e.keys.push(keys[i]!);
        e.meeting ||= reminder.purpose === 'meeting';
        out.set(name, e);
      }
    });
  }
  return out;
}

/** The committed corpus is, byte for byte, what the command wrote in `out`. */
function sameCorpus(corpus: string, out: string): void {
  const committed = readdirSync(corpus).sort();
  expect(committed).toEqual(readdirSync(out).sort());
  for (const name of committed)
    expect(readFileSync(join(out, name)).equals(readFileSync(join(corpus, name))), name).toBe(true);
}

function emlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
}

function addressesOf(to: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(to) ? to : to ? [to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
}

function calendarParts(mail: ParsedMail): string[] {
  return mail.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => a.content.toString('utf8'));
}

describe('pacte preview on the Terre Valserhône example', () => {
  const out = join(TMP, 'valserhone');
  const agreement = loadAgreement(FILE);
  /** The file names none: the CNFPT's referent organizes the meetings. */
  const organizer = agreement.people.find((p) => p.roles.includes('referent') && p.party.startsWith('cnfpt'))!.id;
  let run: Run;

  beforeAll(async () => {
    run = await pacte('preview', FILE, '--out', out);
  });

  it('writes one .eml per (day, person) of the planned reminders, and a summary', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = expectedEmails(agreement);
    expect(expected.size).toBeGreaterThan(20);
    expect(emlFiles(out)).toEqual([...expected.keys()].sort());
    const days = [...expected.values()].map((e) => e.day).sort();
    const people = new Set([...expected.values()].map((e) => e.person)).size;
    expect(run.stdout).toBe(
      `valserhone-2025: ${expected.size} e-mail(s) to ${people} recipient(s), ${days[0]} to ${days.at(-1)}, ` +
        `written to ${out} (index: ${join(out, 'index.txt')}); nothing was sent\n`,
    );
  });

  it('each e-mail parses, goes to its person, has the lifecycle Message-ID; meeting reminders carry an invitation', async () => {
    const expected = expectedEmails(agreement);
    let invitations = 0;
    for (const name of emlFiles(out)) {
      const e = expected.get(name)!;
      const mail = await simpleParser(readFileSync(join(out, name)));
      const person = agreement.people.find((p) => p.id === e.person)!;
      expect(addressesOf(mail.to), name).toEqual([person.email]);
      expect(mail.messageId, name).toBe(reminderMessageId(agreement.id, e.day, e.person, e.keys));
      expect(mail.headers.get('x-pacte-day'), name).toBe(e.day);
      expect(mail.subject, name).toBeTruthy();
      expect(mail.text, name).toContain(person.name);
      expect(mail.html, name).toContain('<html lang="fr">');
      if (e.meeting) {
        const parts = calendarParts(mail);
        expect(parts.length, name).toBeGreaterThan(0);
        // Attendees are asked (REQUEST); the organizer gets her own copy for her calendar (PUBLISH).
        expect(parts[0], name).toMatch(e.person === organizer ? /METHOD:PUBLISH/ : /METHOD:REQUEST/);
        expect(parts[0], name).toMatch(/^UID:.+@valserhone-2025\.pacte\r?$/m);
        invitations++;
      }
    }
    expect(invitations).toBeGreaterThan(0);
  });

  it('index.txt lists every e-mail with its day, recipient, subject and attachments', async () => {
    const index = readFileSync(join(out, 'index.txt'), 'utf8');
    const files = emlFiles(out);
    expect(index.split('\n')[0]).toBe(`${agreement.title} (valserhone-2025)`);
    for (const name of files) {
      const mail = await simpleParser(readFileSync(join(out, name)));
      const block = index.slice(index.indexOf(`${name}\n`)).split('\n\n')[0]!;
      const person = agreement.people.find((p) => name.includes(p.id))!;
      expect(block, name).toContain(`${name.slice(0, 10)} · ${person.id} · ${person.name}`);
      expect(block, name).toContain(`Objet\u00a0: ${mail.subject}`);
      const ics = calendarParts(mail).length > 0;
      expect(block, name).toMatch(
        !ics
          ? /Pièces jointes\u00a0: aucune/
          : person.id === organizer
            ? /Pièces jointes\u00a0: invitation\.ics \(PUBLISH\)/
            : /Pièces jointes\u00a0: invitation\.ics \(REQUEST\)/,
      );
    }
  });

  it('the committed corpus docs/preview/valserhone-2025 is what the command writes (else: npm run preview:examples)', () => {
    sameCorpus(CORPUS, out);
  });
});

describe('pacte preview on the English copy of the example (locale: en)', () => {
  it('the committed corpus docs/preview/valserhone-2025-en is what the command writes (else: npm run preview:examples)', async () => {
    const out = join(TMP, 'valserhone-en');
    const run = await pacte('preview', FILE_EN, '--out', out);
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'index.txt'), 'utf8')).toMatch(/^Framework agreement CNFPT – CC Terre Valserhône/);
    sameCorpus(CORPUS_EN, out);
  });
});

describe('pacte preview --from', () => {
  it('writes only the e-mails from that day on', async () => {
    const out = join(TMP, 'from');
    const run = await pacte('preview', FILE, '--out', out, '--from', '2026-06-01');
    expect(run.code).toBe(0);
    const expected = expectedEmails(loadAgreement(FILE), '2026-06-01');
    expect(emlFiles(out)).toEqual([...expected.keys()].sort());
    expect(emlFiles(out).every((f) => f >= '2026-06-01')).toBe(true);
    expect(emlFiles(out).length).toBeLessThan(expectedEmails(loadAgreement(FILE)).size);
    expect(readFileSync(join(out, 'index.txt'), 'utf8')).toContain('À partir du 2026-06-01 (--from)');
  });

  it('late e-mails (rule 3) are written under the day they are sent, marked late in the index', async () => {
    const from = '2025-11-20';
    const agreement = loadAgreement(FILE);
    const fromMs = DateTime.fromISO(from, { zone: agreement.timezone }).toMillis();
    // From the planner alone: per item still ahead, the latest reminder planned before `from`.
    const state = initialLifecycleState({ agreement }, '2000-01-01T00:00:00.000Z');
    const late = new Map<string, string>();
    for (const entry of planCalendar(agreement, state.facts).entries) {
      if (Date.parse(entry.at) <= fromMs) continue;
      const latest = new Map<string, (typeof entry.reminders)[number]>();
      for (const r of entry.reminders.filter((r) => Date.parse(r.at) < fromMs))
        if (!latest.has(r.purpose) || Date.parse(r.at) > Date.parse(latest.get(r.purpose)!.at))
          latest.set(r.purpose, r);
      for (const r of latest.values()) for (const person of r.to) late.set(person, r.at.slice(0, 10));
    }
    expect(late.size).toBeGreaterThan(1);

    const out = join(TMP, 'late');
    const run = await pacte('preview', FILE, '--out', out, '--from', from);
    expect(run.code).toBe(0);
    expect(emlFiles(out).every((f) => f >= from)).toBe(true);
    const index = readFileSync(join(out, 'index.txt'), 'utf8');
    expect(index).toContain(
      `À partir du ${from} (--from)\u00a0: les rappels manqués avant cette date partent ce jour-là, en retard.`,
    );
    for (const [person, plannedOn] of late) {
      const name = `${from}-${person}.eml`;
      const mail = await simpleParser(readFileSync(join(out, name)));
      expect(mail.headers.get('x-pacte-day'), name).toBe(from);
      expect(DateTime.fromJSDate(mail.date!, { zone: agreement.timezone }).toISODate(), name).toBe(from);
      expect(mail.text!.replace(/\u00a0/g, ' '), name).toContain(
        `Rappel envoyé en retard : il était prévu le ${longDate(plannedOn, agreement.timezone, 'fr')}.`,
      );
      expect(index, name).toContain(`${name}\n    ${from} (en retard, prévu le ${plannedOn}) · ${person} · `);
    }
    // On time from then on: no other entry of the index says late.
    expect(index.match(/en retard, prévu le/g)).toHaveLength(late.size);
  });

  it("the index shows the file's title and names with the one apostrophe (’)", async () => {
    const out = join(TMP, 'vaucluse');
    const file = join(ROOT, 'examples/agreements/plan-action-vaucluse.yaml');
    const run = await pacte('preview', file, '--out', out);
    expect(run.code).toBe(0);
    const index = readFileSync(join(out, 'index.txt'), 'utf8');
    expect(index.split('\n')[0]).toBe(
      'Plan d’action opérationnel SNDGCT Vaucluse – CNFPT PACA (plan-action-vaucluse-2024)',
    );
    expect(index).not.toContain("'");
  });

  it('--json prints the summary and one line per file', async () => {
    const out = join(TMP, 'json');
    const run = await pacte('preview', FILE, '--out', out, '--from', '2026-06-01', '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown> & { files: Record<string, unknown>[] };
    expect(Object.keys(summary)).toEqual([
      'agreement',
      'out',
      'index',
      'emails',
      'recipients',
      'firstDay',
      'lastDay',
      'files',
    ]);
    expect(summary.emails).toBe(emlFiles(out).length);
    expect(summary.files.map((f) => f.file)).toEqual(emlFiles(out));
    for (const f of summary.files) {
      expect(Object.keys(f)).toEqual(['file', 'day', 'to', 'messageId', 'subject', 'attachments']);
      const mail = await simpleParser(readFileSync(join(out, String(f.file))));
      expect(mail.messageId).toBe(f.messageId);
      expect(mail.subject).toBe(f.subject);
    }
  });

  it('refuses a --from that is not a date, naming the flag, and writes nothing', async () => {
    const out = join(TMP, 'bad-from');
    const run = await pacte('preview', FILE, '--out', out, '--from', '2026-13-01');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('--from: not a real calendar date: "2026-13-01"\n');
    expect(existsSync(out)).toBe(false);
  });
});

describe('pacte preview refusals', () => {
  it('an invalid file: the same problems as pacte plan, exit 1, nothing written', async () => {
    const source = YAML.parse(readFileSync(FILE, 'utf8'));
    source.people[1].email = 'julien.moreau@';
    source.term.endsOn = '2024-12-31';
    const file = join(TMP, 'invalid.yaml');
    writeFileSync(file, YAML.stringify(source));
    const out = join(TMP, 'invalid-out');
    const [preview, plan] = await Promise.all([pacte('preview', file, '--out', out), pacte('plan', file)]);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toBe('');
    expect(preview.stderr).toContain(`${file}: people[1].email: not an e-mail address`);
    expect(preview.stderr).toBe(plan.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('a non-empty directory without --force is refused and left as it is; --force replaces the e-mails only', async () => {
    const out = join(TMP, 'not-empty');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    writeFileSync(join(out, '1999-01-01-old.eml'), 'old\n');
    const refused = await pacte('preview', FILE, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `--out: ${out} is not empty (2 entries); use --force to replace the e-mails and index there\n`,
    );
    expect(readdirSync(out).sort()).toEqual(['1999-01-01-old.eml', 'notes.txt']);

    const forced = await pacte('preview', FILE, '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(readdirSync(out)).toContain('notes.txt');
    expect(readdirSync(out)).not.toContain('1999-01-01-old.eml');
    expect(emlFiles(out)).toEqual([...expectedEmails(loadAgreement(FILE)).keys()].sort());
  });

  it('an --out that cannot be created is refused, naming the flag', async () => {
    const file = join(TMP, 'a-file');
    writeFileSync(file, 'x');
    const run = await pacte('preview', FILE, '--out', join(file, 'sub'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^--out: cannot (use|create) .*a-file\/sub: /);
    const onFile = await pacte('preview', FILE, '--out', file);
    expect(onFile.stderr).toBe(`--out: ${file} exists and is not a directory\n`);
  });
});

describe('pacte preview in English', () => {
  it('locale: en gives English e-mails and index', async () => {
    const source = YAML.parse(readFileSync(FILE, 'utf8'));
    source.locale = 'en';
    const file = join(TMP, 'valserhone-en.yaml');
    writeFileSync(file, YAML.stringify(source));
    const out = join(TMP, 'en');
    const run = await pacte('preview', file, '--out', out, '--from', '2026-06-01');
    expect(run.code).toBe(0);
    const index = readFileSync(join(out, 'index.txt'), 'utf8');
    expect(index).toMatch(/e-mails to \d+ recipients, rendered by `pacte preview`: nothing was sent\./);
    expect(index).toContain('Subject: ');
    const first = emlFiles(out)[0]!;
    const mail = await simpleParser(readFileSync(join(out, first)));
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).not.toMatch(/Bonjour/);
  });
});
