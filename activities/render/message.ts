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
import { durationWords, escapeHtml, longDate, longDateTime, longSpan } from './format';
import { articlePhrase, documentNoun } from './document-noun';
import { typeset } from './typography';
import { rememberRecent } from './recent-results';
import type { ActionLink } from '../../web/action-links/message-links';
import { actionLinksHtml, actionLinksText } from './action-links';
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

/**
 * The local time of day of an instant is midnight: an all-day event, shown without time.
 * Remembered (recent-results.ts): a batch's e-mails show the same few instants.
 */
const isMidnight = rememberRecent(
  (instant: string, zone: string): boolean => {
    const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone);
    return dt.isValid && dt.hour === 0 && dt.minute === 0;
  },
  (instant, zone) => `${zone}|${instant}`,
);

function contextFor(message: ReminderMessage): RenderContext {
  const { locale, timezone: zone, title, parties } = message.agreement;
  return {
    locale,
    zone,
    agreementTitle: title,
    parties,
    recipient: message.recipient,
    document: documentNoun(message.agreement.document, locale),
    duration: (iso) => durationWords(iso, locale),
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
  /** « Prévu par l’article 9 de la convention. », when the item cites an article. */
  citation?: string;
  attachedNote?: string;
  /** Signed action links for this item (activities/render/action-links.ts), possibly none. */
  links: readonly ActionLink[];
}

/** Every string of a rendered item, typeset for its language (typography.ts). */
function typesetItem(rendered: RenderedItem, locale: Locale): RenderedItem {
  const t = (s: string) => typeset(s, locale);
  return {
    title: t(rendered.title),
    when: t(rendered.when),
    ...(rendered.where !== undefined ? { where: t(rendered.where) } : {}),
    ...(rendered.placeless ? { placeless: true as const } : {}),
    paragraphs: rendered.paragraphs.map(t),
    ...(rendered.list ? { list: rendered.list.map(t) } : {}),
    todo: rendered.todo.map(t),
  };
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
  const planned = template(item, ctx);
  // A late reminder says so first, in every format.
  const late = item.late
    ? { ...planned, paragraphs: [labels.late(ctx.date(item.late.plannedOn)), ...planned.paragraphs] }
    : planned;
  const rendered = typesetItem(late, ctx.locale);
  const where = rendered.placeless ? undefined : (rendered.where ?? item.subject.place ?? item.invitation?.location);
  const facts = [
    { label: labels.when, value: rendered.when },
    ...(where ? [{ label: labels.where, value: typeset(where, ctx.locale) }] : []),
  ];
  const { article } = item.subject;
  const citation = article
    ? typeset(labels.citation(articlePhrase(article, ctx.locale), ctx.document), ctx.locale)
    : undefined;
  const attachedNote = item.invitation
    ? item.invitation.method === 'CANCEL'
      ? labels.cancellationAttached
      : item.invitation.method === 'PUBLISH' && item.invitation.sequence === 0
        ? labels.organizerCopyAttached
        : item.invitation.sequence > 0
          ? labels.updatedInvitationAttached
          : labels.invitationAttached
    : undefined;
  return {
    item,
    rendered,
    facts,
    links,
    ...(citation ? { citation } : {}),
    ...(attachedNote ? { attachedNote: typeset(attachedNote, ctx.locale) } : {}),
  };
}

/**
 * The item's part of the text body, every line typeset: what the section holds already is, the
 * lines built here from labels are typeset as they are built.
 */
function textSection(section: Section, labels: Labels, heading: string, ctx: RenderContext): string {
  const { rendered, facts } = section;
  const t = (text: string) => typeset(text, ctx.locale);
  const lines = [heading, ...facts.map((f) => t(`${f.label}${labels.colon}${f.value}`))];
  if (section.citation) lines.push(section.citation);
  if (rendered.paragraphs.length || rendered.list?.length) lines.push('');
  lines.push(...rendered.paragraphs);
  for (const entry of rendered.list ?? []) lines.push(`  • ${entry}`);
  lines.push('', t(`${labels.todo}${labels.colon.trimEnd()}`), ...rendered.todo.map((todo) => `  - ${todo}`));
  lines.push(...actionLinksText(section.links, ctx.locale).map(t));
  if (section.attachedNote) lines.push('', section.attachedNote);
  return lines.join('\n');
}

/** `e` typesets and escapes a text for HTML. */
function htmlSection(
  section: Section,
  labels: Labels,
  heading: string,
  e: (text: string) => string,
  ctx: RenderContext,
): string {
  const { rendered, facts } = section;
  const parts = [
    `<h2 style="font-size:16px;margin:16px 0 8px">${e(heading)}</h2>`,
    '<table style="border-collapse:collapse;margin-bottom:8px">',
    ...facts.map(
      (f) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${e(f.label)}</th><td>${e(f.value)}</td></tr>`,
    ),
    '</table>',
    ...(section.citation ? [`<p><em>${e(section.citation)}</em></p>`] : []),
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

  const locale = message.agreement.locale;
  const t = (text: string) => typeset(text, locale);
  const organizer = message.agreement.organizer?.name;
  // Signed by the organizer, whom answers reach; her own copy is signed by Pacte.
  const signature = organizer && message.agreement.organizer?.id !== message.recipient.id ? organizer : 'Pacte';
  const greeting = labels.greeting(message.recipient);
  const agreementLine = `${ctx.document.Name}${labels.colon}${message.agreement.title}`;
  const intro = single ? [] : [labels.groupedIntro(sections.length, day)];
  const footer = labels.footer(ctx.document, signature === 'Pacte' ? undefined : organizer);
  // Typeset piece by piece, not as a whole: the sections are typeset already, and the whole
  // body, which names its recipient, was a new string for every e-mail, a cache miss that ran
  // every pass over it (about a third of rendering's time, BENCHMARKS.md B5). The passes work
  // within a line, and pair straight quotes within a piece, where they belong.
  const text = [
    t(greeting),
    '',
    t(agreementLine),
    ...(intro.length ? ['', ...intro.map(t)] : []),
    '',
    sections.map((s, i) => textSection(s, labels, headings[i]!, ctx)).join('\n\n'),
    '',
    t(labels.closing),
    t(signature),
    '',
    '-- ',
    t(footer),
    '',
  ].join('\n');

  const e = (text: string) => escapeHtml(t(text));
  const lang = locale === 'en' ? 'en' : 'fr';
  const html = [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;max-width:680px">',
    `<p>${e(greeting)}</p>`,
    `<p><strong>${e(ctx.document.Name)}</strong>${e(labels.colon)}${e(message.agreement.title)}</p>`,
    ...intro.map((i) => `<p>${e(i)}</p>`),
    ...sections.map((s, i) => htmlSection(s, labels, headings[i]!, e, ctx)),
    `<p>${e(labels.closing)}<br>${e(signature)}</p>`,
    `<hr><p style="font-size:12px;color:#666">${e(footer)}</p>`,
    '</body></html>',
  ].join('\n');

  const invitations = sections.flatMap((s) =>
    s.item.invitation
      ? [renderInvitation(s.item.invitation, { stamp: message.dueAt, description: s.rendered.todo.join('\n') })]
      : [],
  );
  return { subject: t(subject), text, html, invitations };
}
