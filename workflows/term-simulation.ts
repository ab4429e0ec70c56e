/**
 * An agreement's whole term walked without Temporal: what its lifecycle would send, wake-up by
 * wake-up, if nobody recorded anything (no census answer, no meeting held, no notice). The same
 * steps as the workflow's main loop (`agreement-lifecycle.ts`): plan the calendar with the pure
 * planner, send at once the latest missed reminder of each item ahead when started late
 * (`late-reminders.ts`), wake at the earliest due instant, take every item `dueItems` gives as due, compose one
 * e-mail per person per day (`composeMessages`, deterministic Message-ID), and record it with the
 * lifecycle's own bookkeeping (`delivery-records.ts`), invitations included, so a later item of
 * the same meeting keeps its SEQUENCE. Rendering is left to the caller (`pacte preview` uses the
 * delivery activity itself). Pure: usable by the CLI, tests and a web page alike.
 *
 * Time alone moves nothing else that reaches an e-mail: the renewal-window phase and the census
 * child workflows change no due item; continuing as new every year keeps what is still ahead
 * unchanged (`state-compaction.ts`), so the walk runs as one long run.
 *
 * @module
 */
import { DateTime } from 'luxon';
import { initialLifecycleState, type LifecycleState } from '../contracts/lifecycle-state';
import type { Agreement, LocalDate } from '../domain/agreement';
import { planCalendar } from '../domain/calendar';
import type { Calendar } from '../domain/calendar-types';
import { composeMessages, type OutgoingMessage } from './compose-messages';
import { markDelivered, recordSent } from './delivery-records';
import { dueItems } from './due-items';
import { missedAtStart } from './late-reminders';

/** One wake-up of the lifecycle and the e-mails it hands to the delivery activity. */
export interface SimulatedWakeUp {
  /** The wake-up instant (ISO, UTC): what the lifecycle records as `sentAt`. */
  at: string;
  messages: OutgoingMessage[];
}

export interface TermSimulation {
  /** When the simulated lifecycle starts (ISO, agreement's zone): nothing planned before is sent. */
  startedAt: string;
  /** Last local day of the lifecycle (the calendar's effective end). */
  effectiveEnd: LocalDate;
  calendar: Calendar;
  wakeUps: SimulatedWakeUp[];
  /** The state at the end: sent log, delivered keys, invitations. */
  state: LifecycleState;
}

export interface SimulationOptions {
  /** Start the lifecycle at the beginning of this local day; default: before anything planned. */
  from?: LocalDate;
}

/** The instant the simulated lifecycle starts: `from` at midnight, or the earliest planned instant. */
function startInstant(agreement: Agreement, calendar: Calendar, from?: LocalDate): DateTime {
  const zone = agreement.timezone;
  if (from !== undefined) return DateTime.fromISO(from, { zone }).startOf('day');
  const instants = [
    DateTime.fromISO(agreement.term.startsOn, { zone }).startOf('day').toMillis(),
    ...calendar.entries.flatMap((entry) => [Date.parse(entry.at), ...entry.reminders.map((r) => Date.parse(r.at))]),
  ];
  return DateTime.fromMillis(Math.min(...instants), { zone });
}

/** Walks the term as the lifecycle would, from `options.from` or from before the first reminder. */
export function simulateTerm(agreement: Agreement, options: SimulationOptions = {}): TermSimulation {
  const zone = agreement.timezone;
  // The facts of a new lifecycle (nothing recorded), as `initialLifecycleState` sets them.
  const calendar = planCalendar(agreement, { censusAnsweredYears: [] });
  const start = startInstant(agreement, calendar, options.from);
  const startedAt = start.toISO()!;
  // A lifecycle started today runs with every patch (agreement-lifecycle.ts).
  const state = {
    ...initialLifecycleState({ agreement }, startedAt),
    censusLoop: true as const,
    meetingFollowUps: true as const,
  };
  const endMs = DateTime.fromISO(calendar.effectiveEnd, { zone }).plus({ days: 1 }).toMillis();

  const wakeUps: SimulatedWakeUp[] = [];
  let now = start.toMillis();
  // Started after reminders' times: the latest missed one of each item ahead, at once, late.
  let missed = missedAtStart(state, calendar, endMs, now);
  while (now < endMs) {
    const pending = dueItems(state, calendar, endMs);
    const due = missed.length > 0 ? missed : pending.filter((item) => Date.parse(item.at) <= now);
    missed = [];
    if (due.length === 0) {
      const next = pending[0];
      if (!next) break;
      now = Date.parse(next.at);
      continue;
    }
    const sentAt = new Date(now).toISOString();
    const messages = composeMessages(state, due);
    // Items for nobody known would be due again at once: the lifecycle has the same guard-free loop.
    if (messages.length === 0) throw new Error(`nothing to send for ${due.length} due item(s) at ${sentAt}`);
    for (const outgoing of messages) {
      recordSent(state, outgoing.message, due, sentAt);
      markDelivered(state, outgoing);
    }
    wakeUps.push({ at: sentAt, messages });
  }
  return { startedAt, effectiveEnd: calendar.effectiveEnd, calendar, wakeUps, state };
}
