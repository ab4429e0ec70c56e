/**
 * Reminders go out on business days only (calendar rule 3,
 * docs/calendar-rules.md#rule-3-reminders), so tests and benchmarks that need a reminder due within
 * minutes plan it in a zone where that minute falls on a weekday. Together these zones (UTC−12 to
 * UTC+14) cover every instant of the week except Saturday about noon to Sunday 10:00 UTC.
 *
 * @module
 */
import { DateTime } from 'luxon';

export const WEEKDAY_ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Etc/GMT+12',
];

/** The first zone where `dueMs` falls on a weekday, before 23:50 local (the minute stays that day), or undefined. */
export function weekdayZone(dueMs: number): string | undefined {
  return WEEKDAY_ZONES.find((zone) => {
    const due = DateTime.fromMillis(dueMs, { zone });
    return due.weekday <= 5 && due.hour * 60 + due.minute < 23 * 60 + 50;
  });
}
