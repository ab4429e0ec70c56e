/**
 * When a one-off event happens, in a reminder e-mail, claiming no time the file does not give
 * (calendar rule 11): the date alone for an all-day event, both days of a multi-day one, else the
 * start (and end) instants. Undated events have their own template (`event-undated`).
 *
 * @module
 */
import type { MessageItem } from '../../contracts/reminder-message';
import type { RenderContext } from './templates/types';

/** `range` words two days in the template's language (« du … au … », "from … to …"). */
export function eventWhen(
  item: MessageItem,
  ctx: RenderContext,
  range: (first: string, last: string) => string,
): string {
  const { subject } = item;
  if (subject.end) {
    return range(subject.allDay ? ctx.date(subject.date) : ctx.dateTime(subject.at), ctx.date(subject.end));
  }
  return subject.allDay ? ctx.date(subject.date) : ctx.span(subject.at, subject.endsAt);
}
