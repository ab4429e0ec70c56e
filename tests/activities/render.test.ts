/**
 * Rendering without SMTP: every purpose copes with the bare minimum a workflow may send (no
 * details, no article, no place), in both languages, and the same message renders the same.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../domain/agreement';
import type { MessageItem } from '../../contracts/reminder-message';
import { renderMessage } from '../../activities/render/message';
import { longDate, longDateTime } from '../../activities/render/format';
import { ITEMS, PURPOSES, messageWith } from './fixtures';

function bare(item: MessageItem): MessageItem {
  const {
    article: _article,
    place: _place,
    endsAt: _endsAt,
    movedFrom: _m,
    movedBecause: _b,
    ...subject
  } = item.subject;
  const { details: _details, ...rest } = item;
  return { ...rest, subject };
}

describe.each<Locale>(['fr', 'en'])('%s', (locale) => {
  it.each(PURPOSES)('%s renders from a bare item with nothing undefined', (purpose) => {
    const message = messageWith([bare(ITEMS[purpose].item)]);
    const rendered = renderMessage({ ...message, agreement: { ...message.agreement, locale } });
    for (const text of [rendered.subject, rendered.text, rendered.html]) {
      expect(text).not.toMatch(/undefined|NaN|Invalid DateTime|\[object Object\]|null/);
    }
    expect(rendered.text).toContain(locale === 'fr' ? 'À faire\u00A0:' : 'To do:');
    expect(rendered.text).not.toContain(locale === 'fr' ? 'Prévu par' : 'Required by');
  });
});

describe('renderMessage', () => {
  it('is deterministic', () => {
    const message = messageWith(PURPOSES.map((p) => ITEMS[p].item));
    expect(renderMessage(message)).toEqual(renderMessage(structuredClone(message)));
  });

  it('numbers all twenty-one purposes in one e-mail and attaches one invitation per meeting item', () => {
    const rendered = renderMessage(messageWith(PURPOSES.map((p) => ITEMS[p].item)));
    expect(rendered.subject).toMatch(/^21 rappels – /);
    expect(rendered.text).toMatch(/^21\. /m);
    expect(rendered.invitations.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
  });

  it('refuses an empty message', () => {
    expect(() => renderMessage(messageWith([]))).toThrow(/no item/);
  });
});

describe('French dates', () => {
  it.each([
    ['2025-06-03T10:00:00+02:00', 'mardi 3 juin 2025 à 10 h 00'],
    ['2025-09-01T07:05:00Z', 'lundi 1er septembre 2025 à 9 h 05'],
    ['2025-12-31T23:30:00Z', 'jeudi 1er janvier 2026 à 0 h 30'],
    ['2025-03-30T01:30:00Z', 'dimanche 30 mars 2025 à 3 h 30'],
  ])('%s is « %s » in Paris', (instant, expected) => {
    expect(longDateTime(instant, 'Europe/Paris', 'fr')).toBe(expected);
  });

  it('a local date stays that date whatever the zone', () => {
    expect(longDate('2025-06-03', 'Pacific/Tahiti', 'fr')).toBe('mardi 3 juin 2025');
    expect(longDate('2025-06-03', 'Asia/Tokyo', 'en')).toBe('Tuesday 3 June 2025');
  });
});
