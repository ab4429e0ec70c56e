/**
 * Every template in every state, on the real rendering path (agreement file → planner → due
 * items → composed messages → rendered e-mail), for the four example agreements in French and
 * in English: the whole term as the lifecycle sends it (term-simulation.ts), plus one item of
 * every purpose the calendar does not plan (sheets, escalation, notice, dispute, meeting
 * changes), with and without their optional details, to people with and without a civility.
 * Fails on a typography breach or on a missing citation of the article the agreement gives.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAgreementText } from '../../client/agreement-file';
import { initialLifecycleState } from '../../contracts/lifecycle-state';
import type { ReminderMessage } from '../../contracts/reminder-message';
import type { Agreement, Locale } from '../../domain/agreement';
import { obligationOf } from '../../domain/obligations';
import { renderMessage } from '../../activities/render/message';
import { toMailOptions } from '../../activities/deliver-reminder';
import { composeMessages } from '../../workflows/compose-messages';
import type { DueItem } from '../../workflows/due-items';
import { simulateTerm } from '../../workflows/term-simulation';
import { ITEMS, PURPOSES, invitation, messageWith } from './fixtures';

const EXAMPLES = [
  'convention-cadre-terre-valserhone',
  'cot-seine-et-marne',
  'plan-action-vaucluse',
  'schema-cooperation-cdg-bretagne',
];

function example(name: string, locale: Locale): Agreement {
  const path = fileURLToPath(new URL(`../../examples/agreements/${name}.yaml`, import.meta.url));
  const text = readFileSync(path, 'utf8').replace(/^kind: /m, `locale: ${locale}\nkind: `);
  const parsed = parseAgreementText(text, path);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.agreement;
}

/** What a reader sees: the text part, the subject, and the HTML without its markup. */
function shown(rendered: ReturnType<typeof renderMessage>): string[] {
  const htmlText = rendered.html
    .replace(/<[^>]*>/g, '\n')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return [rendered.subject, rendered.text, htmlText];
}

/** The typography breaches of a text, as readable messages (empty: none). */
export function breaches(text: string, locale: Locale): string[] {
  const found: string[] = [];
  const around = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 25), i + 10));
  const scan = (re: RegExp, what: string) => {
    for (const m of text.matchAll(re)) found.push(`${what} at ${around(m.index)}`);
  };
  scan(/'/g, 'straight apostrophe');
  scan(/"/g, 'ASCII double quote');
  if (locale === 'fr') {
    scan(/[^\u00A0\u202F]:(?=\s|$)/g, 'colon without a no-break space before');
    scan(/[^\u202F\u00A0][;!?](?=\s|$)/g, '; ! ? without a narrow no-break space before');
    scan(/«(?![\u202F\u00A0])/g, '« not followed by a no-break space');
    scan(/(?<![\u202F\u00A0])»/g, '» not preceded by a no-break space');
    scan(/\d h\b|\bh \d/g, 'time with a breaking space');
  }
  return found;
}

function articleCited(text: string, article: string, locale: Locale): boolean {
  const said = article
    .replace(/^art(?:icle|\.)?\s*/i, locale === 'fr' ? 'l’article ' : 'article ')
    .replace(/^annexe\s+/i, locale === 'fr' ? 'l’annexe ' : 'annex ');
  return text.includes(`${locale === 'fr' ? 'Prévu par' : 'Required by'} ${said}`);
}

function check(agreement: Agreement, message: ReminderMessage): void {
  const rendered = renderMessage(message);
  for (const text of shown(rendered)) {
    expect(breaches(text, agreement.locale), `${message.messageId}\n${text}`).toEqual([]);
  }
  // The invitations show the file's title and place too: the same one apostrophe.
  for (const invitation of rendered.invitations)
    expect(invitation.content, `${message.messageId} invitation`).not.toContain("'");
  for (const item of message.items) {
    const { article } = obligationOf(agreement, item.purpose, item.subject.type, undefined);
    const expected = item.subject.article ?? article;
    if (expected)
      expect(articleCited(rendered.text, expected, agreement.locale), `${item.purpose}: ${expected}`).toBe(true);
  }
}

/** The purposes the planner does not plan, as due items of this agreement (fixtures' shapes). */
function unplannedItems(agreement: Agreement, bare: boolean): DueItem[] {
  const meetingType = Object.keys(agreement.meetings)[0] ?? 'annual-review';
  const to = agreement.people.map((p) => p.id);
  return PURPOSES.filter((p) =>
    [
      'project-sheet',
      'project-sheet-escalation',
      'project-sheet-below-minimum',
      'tracking-table-late',
      'notice',
      'dispute',
      'meeting-update',
      'meeting-cancel',
    ].includes(p),
  ).map((purpose) => {
    const { item } = ITEMS[purpose];
    const { article: _article, ...subject } = item.subject;
    const type = purpose.startsWith('meeting') || purpose === 'tracking-table-late' ? meetingType : subject.type;
    return {
      key: `${purpose}-x`,
      reminderId: `${purpose}-x`,
      purpose,
      at: subject.at,
      day: subject.date,
      to,
      subject: { ...subject, type },
      ...(bare || !item.details ? {} : { details: item.details }),
    } as DueItem;
  });
}

describe.each<Locale>(['fr', 'en'])('every e-mail of the four examples (%s)', (locale) => {
  it.each(EXAMPLES)('%s: the whole term, then every other purpose, typeset and citing its source', (name) => {
    const agreement = example(name, locale);
    const simulation = simulateTerm(agreement);
    const messages = simulation.wakeUps.flatMap((w) => w.messages.map((m) => m.message));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) check(agreement, message);

    // A civility on one person: « Madame, » then, never « Bonjour Madame … ».
    const withCivility: Agreement = {
      ...agreement,
      people: agreement.people.map((p, i) => (i === 0 ? { ...p, civility: 'Madame' as const } : p)),
    };
    const state = initialLifecycleState({ agreement: withCivility }, '2024-01-01T00:00:00Z');
    for (const bare of [false, true]) {
      const composed = composeMessages(state, unplannedItems(withCivility, bare));
      expect(new Set(composed.map((c) => c.message.recipient.id)).size).toBe(withCivility.people.length);
      expect(composed.flatMap((c) => c.message.items.map((i) => i.purpose))).toHaveLength(
        8 * withCivility.people.length,
      );
      for (const { message } of composed) check(withCivility, message);
      const first = renderMessage(composed.find((c) => c.message.recipient.id === withCivility.people[0]!.id)!.message);
      expect(first.text.split('\n')[0]).toBe(locale === 'fr' ? 'Madame,' : 'Dear Madam,');
    }
  });
});

describe('an invitation whose title and place the file wrote with straight apostrophes', () => {
  it('shows them with the one apostrophe (’), in the e-mail and in the calendar', () => {
    const written = { summary: "Point d'étape", location: "Salle d'honneur" };
    const item = {
      ...ITEMS.meeting.item,
      subject: { ...ITEMS.meeting.item.subject, title: written.summary, place: written.location },
      invitation: { ...invitation(), ...written },
    };
    const rendered = renderMessage(messageWith([item]));
    for (const text of shown(rendered)) expect(breaches(text, 'fr'), text).toEqual([]);
    const [ics] = rendered.invitations;
    expect(ics!.content).toContain('SUMMARY:Point d’étape');
    expect(ics!.content).toContain('LOCATION:Salle d’honneur');
  });
});

describe('the List-Id of every example', () => {
  it.each(EXAMPLES)('%s: names the agreement with the one apostrophe (’)', (name) => {
    const agreement = example(name, 'fr');
    const [first] = simulateTerm(agreement).wakeUps.flatMap((w) => w.messages.map((m) => m.message));
    const list = toMailOptions(first!, 'pacte@example.org').list as unknown as { id: { comment: string } };
    expect(list.id.comment).toBe(agreement.title.replace(/'/g, '’'));
    expect(breaches(list.id.comment, 'fr')).toEqual([]);
  });
});

describe.each<Locale>(['fr', 'en'])('one e-mail grouping every purpose (%s)', (locale) => {
  it.each(EXAMPLES)('%s: fourteen numbered items, typeset, each citing its source', (name) => {
    const agreement = example(name, locale);
    const meetingType = Object.keys(agreement.meetings)[0] ?? 'annual-review';
    const person = agreement.people[0]!.id;
    const items = PURPOSES.map((purpose): DueItem => {
      const { item } = ITEMS[purpose];
      const type = [
        'meeting',
        'indicators',
        'meeting-update',
        'meeting-cancel',
        'meeting-followup',
        'tracking-table-late',
      ].includes(purpose)
        ? meetingType
        : item.subject.type;
      return {
        key: `${purpose}-grouped`,
        reminderId: `${purpose}-grouped`,
        purpose,
        at: '2025-05-27T09:00:00+02:00',
        day: '2025-05-27',
        to: [person],
        subject: { ...item.subject, type },
        ...(item.details ? { details: item.details } : {}),
      };
    });
    const state = initialLifecycleState({ agreement }, '2024-01-01T00:00:00Z');
    const [only, ...rest] = composeMessages(state, items);
    expect(rest).toEqual([]);
    expect(only!.message.items).toHaveLength(PURPOSES.length);
    check(agreement, only!.message);
    expect(renderMessage(only!.message).text).toMatch(/^14\. /m);

    // The same items sent late (a lifecycle started after their planned day): still typeset and cited.
    const [late] = composeMessages(
      state,
      items.map((item) => ({ ...item, late: { plannedOn: '2025-05-20' } })),
    );
    check(agreement, late!.message);
    // With the action links' block under every item (the worker adds them when it signs links).
    const actions = ['census-answered', 'sheet-sent', 'meeting-held', 'tracking-table-updated'] as const;
    const links = only!.message.items.map((_, i) => [
      { action: actions[i % actions.length]!, url: `https://pacte.example.org/action/token-${i}` },
    ]);
    for (const text of shown(renderMessage(only!.message, links)))
      expect(breaches(text, agreement.locale), text).toEqual([]);

    const lateText = renderMessage(late!.message).text;
    expect(
      lateText.match(
        locale === 'fr'
          ? /Rappel envoyé en retard\u202f?\u00a0?: il était prévu le/g
          : /Reminder sent late: it was due on/g,
      ),
    ).toHaveLength(PURPOSES.length);
  });
});

describe('the typography check itself', () => {
  it('catches each breach it names, and passes typeset French', () => {
    expect(breaches('Quand : demain', 'fr')).toHaveLength(1);
    expect(breaches('Prêt ? Oui ; non !', 'fr')).toHaveLength(3);
    expect(breaches('« Soirée »', 'fr')).toHaveLength(2);
    expect(breaches("l'article", 'fr')).toHaveLength(1);
    expect(breaches('à 10 h 00', 'fr')).toHaveLength(1);
    expect(breaches('The "event"', 'en')).toHaveLength(2);
    expect(breaches('Quand\u00A0: «\u202Fx\u202F» ; à 10\u00A0h\u00A000 l’article\u202F?', 'fr')).toHaveLength(1);
  });
});
