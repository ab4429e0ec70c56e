/**
 * A reminder about something already past (« Quand : dès maintenant »: a meeting not recorded or
 * without its minutes, a late tracking table, projects to notify after the census closed) shows
 * no place: the meeting's room is not where anything happens now. A reminder of the meeting
 * itself still does. Pure: fixtures rendered by the real renderer.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../activities/render/message';
import type { MessagePurpose } from '../../contracts/reminder-message';
import { ITEMS, messageWith } from './fixtures';

const PAST: MessagePurpose[] = ['meeting-followup', 'tracking-table-late'];
const PLACE = /^(Où|Where)\s?:/m;

describe('the place of a reminder about something past', () => {
  it.each(PAST)('%s: « dès maintenant », and no place although its meeting has one', (purpose) => {
    const { item } = ITEMS[purpose];
    expect(item.subject.place).toBeTruthy();
    const { text } = renderMessage(messageWith([item]));
    expect(text).toMatch(/^Quand\s?: dès maintenant$/m);
    expect(text).not.toMatch(PLACE);
    expect(text).not.toContain(item.subject.place!);
  });

  it('the meeting’s own reminder keeps its place', () => {
    const { item } = ITEMS.meeting;
    const { text } = renderMessage(messageWith([item]));
    expect(text).toMatch(PLACE);
    expect(text).toContain(item.subject.place!);
  });
});
