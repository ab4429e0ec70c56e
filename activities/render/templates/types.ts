/**
 * The shape every reminder template fills: the renderer lays it out as text and HTML, so
 * templates only choose words and never deal with markup or escaping.
 *
 * @module
 */
import type { Locale, Party } from '../../../domain/agreement';
import type { MessageItem, MessagePurpose, Recipient } from '../../../contracts/reminder-message';
import type { DocumentNoun } from '../document-noun';

/** One item of a reminder e-mail, in words. Every string is plain text (escaped by the renderer). */
export interface RenderedItem {
  /** Short headline: the subject line of a one-item message, the heading of an item. */
  title: string;
  /** When it is due or happening, in full: « mardi 3 juin 2025 à 10 h 00 ». */
  when: string;
  /** Where, when known. */
  where?: string;
  /** About something already past (« dès maintenant »): no place is shown, not even the meeting's. */
  placeless?: true;
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
  /** What the agreement calls itself, ready for sentences. */
  document: DocumentNoun;
  /** A duration in words: `P3M` → « 3 mois ». */
  duration(iso: string): string;
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
  /** « Madame, » with a civility, else « Bonjour Prénom Nom, ». */
  greeting(recipient: Recipient): string;
  /** Between a label and its value: ` : ` in French typography, `: ` in English. */
  colon: string;
  when: string;
  where: string;
  /** « Prévu par l’article 9 de la convention. » from « l’article 9 » and the document. */
  citation(article: string, d: DocumentNoun): string;
  todo: string;
  closing: string;
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
  /** Who sends it and where answers go (the organizer, by Reply-To), when known. */
  footer(d: DocumentNoun, organizer: string | undefined): string;
}
