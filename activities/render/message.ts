/**
 * Renders a {@link ReminderMessage} into the subject, plain text, HTML and invitations of one
 * e-mail, in the agreement's language and time zone. Pure: same message, same output, so a
 * retried activity sends the same e-mail.
 *
 * @module
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/agreement';
import type { MessageItem, ReminderMessage } from '../../contracts/reminder-message';
import type { ActionLink } from '../../web/action-links/message-links';
import { actionLinksHtml, actionLinksText } from './action-links';
import { escapeHtml, longDate, longDateTime, longSpan } from './format';
import { renderInvitation, type RenderedInvitation } from './invitation';
import { enLabels, enTemplates } from './templates/en';
import { frLabels, frTemplates } from './templates/fr';
import type { Labels, RenderContext, RenderedItem, TemplateSet } from './templates/types';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** One per item carrying an invitation, in item order. */
  invitations: RenderedInvitation[];
}

const LANGUAGES: Record<Locale, { templates: TemplateSet; labels: Labels }> = {
  fr: { templates: frTemplates, labels: frLabels },
  en: { templates: enTemplates, labels: enLabels },
};

/** The local time of day of an instant is midnight: an all-day event, shown without time. */
function isMidnight(instant: string, zone: string): boolean {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone);
  return dt.isValid && dt.hour === 0 && dt.minute === 0;
}

function contextFor(message: ReminderMessage): RenderContext {
  const { locale, timezone: zone, title, parties } = message.agreement;
  return {
    locale,
    zone,
    agreementTitle: title,
    parties,
    recipient: message.recipient,
    date: (value) => longDate(value, zone, locale),
    dateTime: (instant) => longDateTime(instant, zone, locale),
    span(start, end) {
      if (isMidnight(start, zone) && (!end || isMidnight(end, zone))) {
        const first = longDate(start, zone, locale);
        if (!end) return first;
        // An all-day event ends at midnight after its last day.
        const lastDay = DateTime.fromISO(end, { setZone: true }).setZone(zone).minus({ days: 1 });
        const last = longDate(lastDay.toISODate() ?? end, zone, locale);
        if (last === first || lastDay.toMillis() < DateTime.fromISO(start).toMillis()) return first;
        return locale === 'fr' ? `du ${first} au ${last}` : `from ${first} to ${last}`;
      }
      return longSpan(start, end, zone, locale);
    },
    partyName: (id) => parties.find((p) => p.id === id)?.name ?? id,
  };
}

interface Section {
  item: MessageItem;
  rendered: RenderedItem;
  facts: { label: string; value: string }[];
  attachedNote?: string;
  /** Signed action links for this item (activities/render/action-links.ts), possibly none. */
  links: readonly ActionLink[];
}

function sectionFor(
  item: MessageItem,
  ctx: RenderContext,
  labels: Labels,
  templates: TemplateSet,
  links: readonly ActionLink[] = [],
): Section {
  const template = templates[item.purpose];
  if (!template) throw new Error(`no reminder template for purpose ${String(item.purpose)}`);
  const rendered = template(item, ctx);
  const where = rendered.where ?? item.subject.place ?? item.invitation?.location;
  const facts = [
    { label: labels.when, value: rendered.when },
    ...(where ? [{ label: labels.where, value: where }] : []),
    ...(item.subject.article ? [{ label: labels.article, value: labels.articleValue(item.subject.article) }] : []),
  ];
  const attachedNote = item.invitation
    ? item.invitation.method === 'CANCEL'
      ? labels.cancellationAttached
      : item.invitation.method === 'PUBLISH' && item.invitation.sequence === 0
        ? labels.organizerCopyAttached
        : item.invitation.sequence > 0
          ? labels.updatedInvitationAttached
          : labels.invitationAttached
    : undefined;
  return { item, rendered, facts, links, ...(attachedNote ? { attachedNote } : {}) };
}

function textSection(section: Section, labels: Labels, heading: string, ctx: RenderContext): string {
  const { rendered, facts } = section;
  const lines = [heading, ...facts.map((f) => `${f.label}${labels.colon}${f.value}`)];
  if (rendered.paragraphs.length || rendered.list?.length) lines.push('');
  lines.push(...rendered.paragraphs);
  for (const entry of rendered.list ?? []) lines.push(`  • ${entry}`);
  lines.push('', `${labels.todo}${labels.colon.trimEnd()}`, ...rendered.todo.map((t) => `  - ${t}`));
  lines.push(...actionLinksText(section.links, ctx.locale));
  if (section.attachedNote) lines.push('', section.attachedNote);
  return lines.join('\n');
}

function htmlSection(section: Section, labels: Labels, heading: string, ctx: RenderContext): string {
  const { rendered, facts } = section;
  const e = escapeHtml;
  const parts = [
    `<h2 style="font-size:16px;margin:16px 0 8px">${e(heading)}</h2>`,
    '<table style="border-collapse:collapse;margin-bottom:8px">',
    ...facts.map(
      (f) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${e(f.label)}</th><td>${e(f.value)}</td></tr>`,
    ),
    '</table>',
    ...rendered.paragraphs.map((p) => `<p>${e(p)}</p>`),
  ];
  if (rendered.list?.length) parts.push(`<ul>${rendered.list.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`);
  parts.push(
    `<p><strong>${e(labels.todo)}</strong></p>`,
    `<ul>${rendered.todo.map((t) => `<li>${e(t)}</li>`).join('')}</ul>`,
  );
  const links = actionLinksHtml(section.links, ctx.locale);
  if (links) parts.push(links);
  if (section.attachedNote) parts.push(`<p><em>${e(section.attachedNote)}</em></p>`);
  return parts.join('\n');
}

/**
 * Renders the whole e-mail. One item: the subject is its title and when. Several: the subject
 * counts them, names the agreement and the day, and each item gets a numbered heading.
 * `links[i]`: the signed action links of item `i` (web/action-links/message-links.ts), if any.
 */
export function renderMessage(message: ReminderMessage, links: readonly ActionLink[][] = []): RenderedMessage {
  if (message.items.length === 0) throw new Error(`message ${message.messageId} has no item`);
  const language = LANGUAGES[message.agreement.locale] ?? LANGUAGES.fr;
  const { labels, templates } = language;
  const ctx = contextFor(message);
  const sections = message.items.map((item, i) => sectionFor(item, ctx, labels, templates, links[i]));
  const single = sections.length === 1 ? sections[0] : undefined;
  const day = ctx.date(message.day);

  const subject = single
    ? `${single.rendered.title} – ${single.rendered.when}`
    : labels.groupedSubject(sections.length, message.agreement.title, day);
  const headings = sections.map((s, i) => (single ? s.rendered.title : `${i + 1}. ${s.rendered.title}`));

  const greeting = labels.greeting(message.recipient.name);
  const agreementLine = `${labels.agreement}${labels.colon}${message.agreement.title}`;
  const intro = single ? [] : [labels.groupedIntro(sections.length, day)];
  const text = [
    greeting,
    '',
    agreementLine,
    ...(intro.length ? ['', ...intro] : []),
    '',
    sections.map((s, i) => textSection(s, labels, headings[i]!, ctx)).join('\n\n'),
    '',
    '-- ',
    labels.footer,
    '',
  ].join('\n');

  const e = escapeHtml;
  const lang = message.agreement.locale === 'en' ? 'en' : 'fr';
  const html = [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;max-width:680px">',
    `<p>${e(greeting)}</p>`,
    `<p><strong>${e(labels.agreement)}</strong>${e(labels.colon)}${e(message.agreement.title)}</p>`,
    ...intro.map((i) => `<p>${e(i)}</p>`),
    ...sections.map((s, i) => htmlSection(s, labels, headings[i]!, ctx)),
    `<hr><p style="font-size:12px;color:#666">${e(labels.footer)}</p>`,
    '</body></html>',
  ].join('\n');

  const invitations = sections.flatMap((s) =>
    s.item.invitation
      ? [renderInvitation(s.item.invitation, { stamp: message.dueAt, description: s.rendered.todo.join('\n') })]
      : [],
  );
  return { subject, text, html, invitations };
}
