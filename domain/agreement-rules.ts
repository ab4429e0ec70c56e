/**
 * Cross-field rules of a complete agreement (defaults applied): term bounds, unknown people and
 * roles, duplicate ids, events outside the term. Checked on the complete agreement because a
 * default meeting's attendees or a default `maxDuration` must be checked exactly like written
 * ones.
 *
 * @module
 */
import { DateTime, Duration, IANAZone } from 'luxon';
import { ROLES, type Agreement } from './agreement';
import {
  durationProblem,
  ID_PATTERN,
  localDateProblem,
  monthDayProblem,
  rruleProblem,
  TIME_PATTERN,
} from './field-checks';
import { parseWindow, WINDOW_ERROR, windowRange } from './event-window';
import { BUILTIN_EVENT_TYPES } from './plan';
import { formatPath, type PathPart } from './problems';

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);
const RESERVED_TYPES: ReadonlySet<string> = new Set(BUILTIN_EVENT_TYPES);

function addMonthsClamped(date: string, duration: string): DateTime {
  // luxon clamps month arithmetic to the end of the month (calendar rule 10,
  // docs/calendar-rules.md#rule-10-month-arithmetic).
  return DateTime.fromISO(date, { zone: 'utc' }).plus(Duration.fromISO(duration));
}

/**
 * Every cross-field problem of a complete agreement, as `path: message` lines (empty when valid).
 * Also runs the field checks again, so it can vet an agreement received from elsewhere (an
 * amendment in a workflow update) without going through the file schema.
 */
export function agreementProblems(a: Agreement): string[] {
  const problems: string[] = [];
  const add = (path: PathPart[], message: string) => problems.push(`${formatPath(path)}: ${message}`);

  if (!ID_PATTERN.test(a.id)) add(['id'], 'not a valid id: lowercase letters, digits and dashes, 3 to 63 characters');
  if (!IANAZone.isValidZone(a.timezone)) add(['timezone'], `not an IANA time zone: "${a.timezone}"`);

  const duplicates = (items: { id: string }[], path: PathPart[], what: string, seen = new Map<string, string>()) => {
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) add([...path, i, 'id'], `duplicate ${what} id "${item.id}" (already used by ${first})`);
      else seen.set(item.id, formatPath([...path, i]));
    });
  };
  duplicates(a.parties, ['parties'], 'party');
  duplicates(a.people, ['people'], 'person');
  duplicates(a.axes, ['axes'], 'axis');
  const projectIds = new Map<string, string>();
  a.axes.forEach((axis, i) => duplicates(axis.projects, ['axes', i, 'projects'], 'project', projectIds));
  duplicates(a.events, ['events'], 'event');

  const partyIds = new Set(a.parties.map((p) => p.id));
  const personIds = new Set(a.people.map((p) => p.id));
  const heldRoles = new Set<string>(a.people.flatMap((p) => p.roles));
  a.people.forEach((p, i) => {
    if (!partyIds.has(p.party)) add(['people', i, 'party'], `unknown party "${p.party}"`);
  });

  if (a.organizer !== undefined && !personIds.has(a.organizer)) add(['organizer'], `unknown person "${a.organizer}"`);

  const checkPeople = (ids: string[], path: PathPart[]) =>
    ids.forEach((id, i) => {
      if (!personIds.has(id)) add([...path, i], `unknown person "${id}"`);
    });
  const checkAudience = (refs: string[], path: PathPart[], required: boolean) => {
    let someone = false;
    let unknown = false;
    refs.forEach((ref, i) => {
      if (personIds.has(ref) || heldRoles.has(ref)) someone = true;
      else if (!ROLE_SET.has(ref)) {
        unknown = true;
        add([...path, i], `unknown person or role "${ref}"`);
      }
    });
    if (required && !someone && !unknown)
      add(path, `nobody is concerned: no person has any of ${refs.join(', ') || '(none)'}`);
  };

  a.axes.forEach((axis, i) => {
    checkPeople(axis.pilots, ['axes', i, 'pilots']);
    axis.projects.forEach((project, j) => {
      checkPeople(project.leads, ['axes', i, 'projects', j, 'leads']);
      if (project.leadParty !== undefined && !partyIds.has(project.leadParty)) {
        add(['axes', i, 'projects', j, 'leadParty'], `unknown party "${project.leadParty}"`);
      }
    });
  });

  // Term (art. 12 for a convention cadre): dates, order, maximum duration.
  const t = a.term;
  const termDates = (['signedOn', 'startsOn', 'endsOn'] as const).filter((k) => {
    const p = localDateProblem(t[k]);
    if (p) add(['term', k], p);
    return !p;
  });
  for (const k of ['noticePeriod', 'maxDuration', 'renewalMeetingWithin'] as const) {
    const v = t[k];
    const p = v === undefined ? undefined : durationProblem(v);
    if (p) add(['term', k], p);
  }
  const termOk = termDates.length === 3;
  if (termOk && t.endsOn <= t.startsOn)
    add(['term', 'endsOn'], `ends on ${t.endsOn}, not after the start ${t.startsOn}`);
  else if (
    termOk &&
    !durationProblem(t.maxDuration) &&
    addMonthsClamped(t.startsOn, t.maxDuration).toISODate()! < t.endsOn
  ) {
    add(
      ['term', 'endsOn'],
      `the term ${t.startsOn} – ${t.endsOn} is longer than maxDuration ${t.maxDuration} (at most until ${addMonthsClamped(t.startsOn, t.maxDuration).toISODate()})`,
    );
  }

  for (const [key, m] of Object.entries(a.meetings)) {
    const path = ['meetings', key];
    if (!ID_PATTERN.test(key))
      add(path, 'not a valid meeting type: lowercase letters, digits and dashes, 3 to 63 characters');
    if (RESERVED_TYPES.has(key)) add(path, `"${key}" is reserved for the planner's own entries`);
    const rp = rruleProblem(m.rrule);
    if (rp) add([...path, 'rrule'], rp);
    if (!TIME_PATTERN.test(m.time)) add([...path, 'time'], 'not a time HH:MM');
    for (const [field, value] of [
      ['duration', m.duration],
      ['indicatorsDueBefore', m.indicatorsDueBefore],
    ] as const) {
      const p = value === undefined ? undefined : durationProblem(value);
      if (p) add([...path, field], p);
    }
    m.remindBefore.forEach((d, i) => {
      const p = durationProblem(d);
      if (p) add([...path, 'remindBefore', i], p);
    });
    checkAudience(m.attendees, [...path, 'attendees'], true);
  }

  if (a.census) {
    checkAudience(a.census.to, ['census', 'to'], true);
    for (const field of ['opensOn', 'closesOn'] as const) {
      const p = monthDayProblem(a.census[field]);
      if (p) add(['census', field], p);
    }
  }

  a.events.forEach((e, i) => {
    const path = ['events', i];
    checkAudience(e.attendees, [...path, 'attendees'], true);
    if (e.window !== undefined && !parseWindow(e.window)) add([...path, 'window'], WINDOW_ERROR);
    if (!termOk) return;
    const range: [string, string] | undefined =
      e.date !== undefined
        ? [e.date, e.date]
        : e.start !== undefined && e.end !== undefined
          ? [e.start, e.end]
          : e.window !== undefined && parseWindow(e.window)
            ? windowRange(e.window)
            : undefined;
    if (!range) return;
    const field = e.date !== undefined ? 'date' : e.window !== undefined ? 'window' : 'start';
    if (e.start !== undefined && e.end !== undefined && e.end < e.start)
      add([...path, 'end'], `ends on ${e.end}, before its start ${e.start}`);
    else if (
      e.window !== undefined
        ? range[1] < t.startsOn || range[0] > t.endsOn
        : range[0] < t.startsOn || range[1] > t.endsOn
    ) {
      add([...path, field], `outside the term ${t.startsOn} – ${t.endsOn}`);
    }
  });

  return problems;
}
