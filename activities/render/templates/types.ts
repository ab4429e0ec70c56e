/**
 * The shape every reminder template fills: the renderer lays it out as text and HTML, so
 * templates only choose words and never deal with markup or escaping.
 *
 * @module
 */
import type { Locale, Party } from '../../../domain/agreement';
import type { MessageItem, MessagePurpose, Recipient } from '../../../contracts/reminder-message';

/** One item of a reminder e-mail, in words. Every string is plain text (escaped by the renderer). */
export interface RenderedItem {
  /** Short headline: the subject line of a one-item message, the heading of an item. */
  title: string;
  /** When it is due or happening, in full: « mardi 3 juin 2025 à 10 h 00 ». */
  when: string;
  /** Where, when known. */
  where?: string;
  /** What happens, why, what changed. */
  paragraphs: string[];
  /** A list the paragraphs introduce (projects, indicators). */
  list?: string[];
  /** What the recipient must do. */
  todo: string[];
}

/** What a template may use besides its item: formatting bound to the agreement's zone and language. */
export interface RenderContext {
  locale: Locale;
  zone: string;
  agreementTitle: string;
  parties: Party[];
  recipient: Recipient;
  /** Long local date, from `YYYY-MM-DD` or an ISO instant. */
  date(dateOrInstant: string): string;
  /** Long local date and time of an instant. */
  dateTime(instant: string): string;
  /** Start–end of a meeting, or an event (date only when it has no time of day). */
  span(start: string, end?: string): string;
  /** A party's name from its id (the id itself when unknown). */
  partyName(id: string): string;
}

export type Template = (item: MessageItem, ctx: RenderContext) => RenderedItem;

/** One template per purpose: the compiler checks none is missing. */
export type TemplateSet = Record<MessagePurpose, Template>;

/** Fixed words of a language, around the templates. */
export interface Labels {
  greeting(name: string): string;
  /** Between a label and its value: ` : ` in French typography, `: ` in English. */
  colon: string;
  agreement: string;
  when: string;
  where: string;
  article: string;
  articleValue(article: string): string;
  todo: string;
  invitationAttached: string;
  /** A changed meeting (SEQUENCE above 0). */
  updatedInvitationAttached: string;
  cancellationAttached: string;
  /** The organizer's own copy of her meeting (METHOD:PUBLISH): no answer asked. */
  organizerCopyAttached: string;
  /** Subject of a message grouping several items. */
  groupedSubject(count: number, agreementTitle: string, day: string): string;
  groupedIntro(count: number, day: string): string;
  /** Before an item sent after its planned day (the lifecycle started, or came back, after it). */
  late(plannedOn: string): string;
  footer: string;
}
