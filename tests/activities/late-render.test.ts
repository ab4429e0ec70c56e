/**
 * A reminder sent after its planned day (a late start, a worker back) says so first, in the
 * agreement's language, with French typography (no-break space before the colon); an on-time
 * reminder says nothing of the kind.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../activities/render/message';
import { ITEMS, messageWith } from './fixtures';

const late = { ...ITEMS.meeting.item, late: { plannedOn: '2025-06-02' } };

describe('a late reminder', () => {
  it('opens with « Rappel envoyé en retard » in French, text and HTML', () => {
    const rendered = renderMessage(messageWith([late]));
    expect(rendered.text).toContain('Rappel envoyé en retard\u00a0: il était prévu le lundi 2 juin 2025.');
    expect(rendered.html).toContain('<p>Rappel envoyé en retard\u00a0: il était prévu le lundi 2 juin 2025.</p>');
    expect(rendered.text.indexOf('envoyé en retard')).toBeLessThan(rendered.text.indexOf('tableau de suivi'));
  });

  it('in English', () => {
    const message = messageWith([late]);
    const rendered = renderMessage({ ...message, agreement: { ...message.agreement, locale: 'en' } });
    expect(rendered.text).toContain('Reminder sent late: it was due on Monday 2 June 2025.');
  });

  it('says nothing when on time', () => {
    expect(renderMessage(messageWith([ITEMS.meeting.item])).text).not.toContain('envoyé en retard');
  });
});
