/**
 * The term simulation behind `pacte preview` walks an agreement's term as the lifecycle's main
 * loop does, on the four example agreements: every planned reminder from the start is delivered
 * once, in one e-mail per person per wake-up day, in time order; the state records what the
 * lifecycle records (sent log, delivered keys, each invitation sent and to whom); a later start
 * (`from`) sends what is planned from then, plus at once the latest missed reminder of each item
 * still ahead, said late; and the same input gives the same e-mails.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAgreementText } from '../../../client/agreement-file';
import type { Agreement } from '../../../domain/agreement';
import { planCalendar } from '../../../domain/calendar';
import { simulateTerm } from '../../../workflows/term-simulation';

const EXAMPLES = fileURLToPath(new URL('../../../examples/agreements/', import.meta.url));
const FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function load(file: string): Agreement {
  const parsed = parseAgreementText(readFileSync(join(EXAMPLES, file), 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.agreement;
}

/** `day|person` of every planned reminder, from the planner alone. */
function plannedPairs(agreement: Agreement, from?: string): Set<string> {
  const pairs = new Set<string>();
  for (const entry of planCalendar(agreement).entries)
    for (const r of entry.reminders)
      if (!from || r.at.slice(0, 10) >= from) for (const p of r.to) pairs.add(`${r.at.slice(0, 10)}|${p}`);
  return pairs;
}

/** `day|person` of the latest reminder before `from` of each entry (and purpose) still ahead then. */
function latePairs(agreement: Agreement, from: string): Set<string> {
  const pairs = new Set<string>();
  for (const entry of planCalendar(agreement).entries) {
    if (entry.at.slice(0, 10) < from) continue;
    const missed = entry.reminders.filter((r) => r.at.slice(0, 10) < from && Date.parse(r.at) < Date.parse(entry.at));
    // One group per purpose, and per axis for the project leads' tracking-table reminders.
    for (const group of new Set(missed.map((r) => `${r.purpose}|${r.axis ?? ''}`))) {
      const latest = missed.filter((r) => `${r.purpose}|${r.axis ?? ''}` === group).at(-1)!;
      for (const p of latest.to) pairs.add(`${latest.at.slice(0, 10)}|${p}`);
    }
  }
  return pairs;
}

describe.each(FILES)('simulateTerm on %s', (file) => {
  const agreement = load(file);
  const simulation = simulateTerm(agreement);
  const messages = simulation.wakeUps.flatMap((w) => w.messages.map((m) => m.message));

  it('one e-mail per planned (day, person), in time order, each key delivered once', () => {
    expect(messages.map((m) => `${m.day}|${m.recipient.id}`).sort()).toEqual([...plannedPairs(agreement)].sort());
    const instants = simulation.wakeUps.map((w) => Date.parse(w.at));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(new Set(simulation.state.deliveredKeys).size).toBe(simulation.state.deliveredKeys.length);
    expect(simulation.state.sent.map((s) => s.messageId)).toEqual(messages.map((m) => m.messageId));
    for (const w of simulation.wakeUps)
      for (const m of w.messages) expect(Date.parse(m.message.dueAt)).toBe(Date.parse(w.at));
  });

  it('records each invitation it sends and to whom, as the lifecycle does (what an amendment updates)', () => {
    const sentTo = new Map<string, Set<string>>();
    for (const m of messages)
      for (const item of m.items)
        // A REQUEST to each attendee, a PUBLISH copy to the organizer: both hold the meeting.
        if (item.invitation && item.invitation.method !== 'CANCEL')
          sentTo.set(item.invitation.uid, (sentTo.get(item.invitation.uid) ?? new Set()).add(m.recipient.id));
    expect(Object.keys(simulation.state.invitations).sort()).toEqual([...sentTo.keys()].sort());
    for (const [uid, people] of sentTo) {
      const record = simulation.state.invitations[uid]!;
      expect(record.sentTo).toEqual([...people].sort());
      expect(record.sequence).toBe(0); // nothing moves a meeting when nobody records anything
    }
  });

  it('is deterministic, and a later start sends what is planned from then, and the missed reminders late', () => {
    expect(simulateTerm(agreement).wakeUps).toEqual(simulation.wakeUps);
    const days = [...new Set(messages.map((m) => m.day))].sort();
    const from = days[Math.floor(days.length / 2)]!;
    const later = simulateTerm(agreement, { from }).wakeUps.flatMap((w) => w.messages.map((m) => m.message));
    const onTime = later.filter((m) => m.items.every((i) => !i.late));
    const late = later.filter((m) => m.items.some((i) => i.late));
    expect(onTime.map((m) => `${m.day}|${m.recipient.id}`).sort()).toEqual([...plannedPairs(agreement, from)].sort());
    expect(new Set(late.map((m) => `${m.day}|${m.recipient.id}`))).toEqual(latePairs(agreement, from));
    for (const m of late) for (const i of m.items) expect(i.late).toEqual({ plannedOn: m.day });
    // Same e-mails as in the full walk: same ids, hence the same Message-IDs.
    const full = new Map(messages.map((m) => [m.messageId, m]));
    for (const m of onTime) expect(full.get(m.messageId)).toEqual(m);
  });
});
