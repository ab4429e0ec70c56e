/**
 * Sending one reminder: renders a {@link ReminderMessage} and sends it over SMTP.
 *
 * Failures are classified for the workflow's retry policy:
 * - the server refuses the recipient or the message for good (5xx on RCPT TO, MAIL FROM or
 *   DATA), or the address is not usable: non-retryable `ApplicationFailure` of type
 *   {@link PERMANENT_DELIVERY_FAILURE}, naming the recipient by person id and the server's answer
 *   with any address in it masked (no personal data in logs);
 * - a message the activity cannot render (a workflow bug): non-retryable, type
 *   {@link INVALID_REMINDER_MESSAGE};
 * - anything else (4xx, refused connection, timeout, authentication): plain `Error`, retried.
 *
 * @module
 */
import { ApplicationFailure, asyncLocalStorage, type Context } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { INVALID_REMINDER_MESSAGE, PERMANENT_DELIVERY_FAILURE } from '../contracts/errors';
import type { DeliveryReceipt, ReminderMessage } from '../contracts/reminder-message';
import type { DeliveryLedger } from './delivery-ledger';
import { messageLinks, type LinkSigning } from '../web/action-links/message-links';
import { renderMessage, type RenderedMessage } from './render/message';
import { curlyApostrophes } from './render/typography';
import { senderAddress, senderDomain } from './config';
import { withoutAddresses } from './without-addresses';

/** What the activity needs from nodemailer: a real SMTP transport, or a fake in unit tests. */
export type MailSender = Pick<Transporter<SMTPTransport.SentMessageInfo>, 'sendMail'>;

export interface ActivityDeps {
  transport: MailSender;
  /** Sender of every reminder, e.g. `Pacte <pacte@example.org>`. */
  from: string;
  /** The sender's display name (`PACTE_MAIL_FROM_NAME`), instead of the one in `from`. */
  fromName?: string;
  /** List-Id namespace (`PACTE_MAIL_LIST_DOMAIN`); default: the domain of `from`. */
  listDomain?: string;
  /**
   * The transport's pool size (default 4): with a ledger whose records wait for I/O, the e-mails
   * of all batches between SMTP and their record (activities/deliver-day.ts).
   */
  parallelSends?: number;
  /** Accepted Message-IDs, consulted and written by `deliverDay` (activities/delivery-ledger.ts). */
  ledger?: DeliveryLedger;
  /**
   * How often a `deliverDay` batch reports its progress at most, in ms (default
   * `DEFAULT_PROGRESS_EVERY_MS`, ./deliver-day.ts; tests set it).
   */
  progressEveryMs?: number;
  /** Keys and web address to sign action links with; none: the e-mails carry no links. */
  actionLinks?: LinkSigning;
}

/** Headers that identify a delivery without reading its body (tests, support, mail filters). */
export const PACTE_HEADERS = {
  agreement: 'X-Pacte-Agreement',
  day: 'X-Pacte-Day',
  due: 'X-Pacte-Due',
  reminders: 'X-Pacte-Reminders',
} as const;

const MESSAGE_ID = /^<[^<>@\s]+@[^<>@\s]+>$/;

function invalid(message: ReminderMessage, reason: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: INVALID_REMINDER_MESSAGE,
    nonRetryable: true,
    message: `reminder message ${message.messageId} for ${message.agreement.id} cannot be sent: ${reason}`,
  });
}

/** The agreement id as a List-Id label (RFC 2919 dot-atom): ids are already `[a-z0-9-]`. */
function listLabel(agreementId: string): string {
  return agreementId.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'agreement';
}

/** Who an e-mail comes from: `ActivityDeps` without the transport, or just the `from` string. */
export type Sender = Pick<ActivityDeps, 'from' | 'fromName' | 'listDomain'>;

/**
 * The nodemailer options of one reminder e-mail. Pure (no clock, no I/O): a retry sends the
 * same message with the same Message-ID.
 *
 * Mail standards: `Auto-Submitted: auto-generated` (RFC 3834: responders must not answer it),
 * `X-Auto-Response-Suppress` for Exchange's out-of-office replies, which ignore it; a `List-Id`
 * per agreement (RFC 2919), `"<title>" <<agreement id>.<list domain>>`, so recipients can file
 * or filter one agreement's e-mails; `Reply-To` the agreement's organizer, so that answers reach
 * a person, not Pacte's sending address.
 */
export function toMailOptions(
  message: ReminderMessage,
  sender: string | Sender,
  rendered = renderMessage(message),
): Mail.Options {
  const { from, fromName, listDomain } = typeof sender === 'string' ? { from: sender } : sender;
  const [first, ...others] = rendered.invitations;
  const organizer = message.agreement.organizer;
  return {
    from: fromName ? { name: fromName, address: senderAddress(from) } : from,
    to: { name: message.recipient.name, address: message.recipient.email },
    ...(organizer ? { replyTo: { name: organizer.name, address: organizer.email } } : {}),
    list: {
      id: {
        url: `${listLabel(message.agreement.id)}.${listDomain ?? senderDomain(from)}`,
        comment: curlyApostrophes(message.agreement.title),
      },
    },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: message.messageId,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
      [PACTE_HEADERS.agreement]: message.agreement.id,
      [PACTE_HEADERS.day]: message.day,
      [PACTE_HEADERS.due]: message.dueAt,
      [PACTE_HEADERS.reminders]: message.items.map((item) => item.reminderId).join(','),
    },
    // The first invitation as the text/calendar alternative Outlook and Thunderbird act on;
    // the rare others (two meetings for one person on one day) as .ics attachments.
    ...(first ? { icalEvent: { method: first.method, content: first.content, filename: 'invitation.ics' } } : {}),
    ...(others.length
      ? {
          attachments: others.map((invitation, i) => ({
            filename: `invitation-${i + 2}.ics`,
            content: invitation.content,
            contentType: `text/calendar; charset=utf-8; method=${invitation.method}`,
          })),
        }
      : {}),
  };
}

/** The fields nodemailer adds to its errors. */
interface SmtpError extends Error {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

function isPermanent(error: SmtpError): boolean {
  if (error.code !== 'EENVELOPE' && error.code !== 'EMESSAGE') return false;
  // No server involved: nodemailer refused the address itself (`Invalid recipient …`).
  if (error.command === 'API') return true;
  return typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

/**
 * Turns a nodemailer error into what Temporal should do with it: a non-retryable
 * {@link PERMANENT_DELIVERY_FAILURE}, or a plain retryable `Error`.
 */
export function classifySendError(error: unknown, message: ReminderMessage): Error {
  const smtp: SmtpError = error instanceof Error ? error : new Error(String(error));
  // Named by person id: the address and the server's echo of it stay out of logs and failures.
  const recipient = message.recipient.id;
  const answer = withoutAddresses(smtp.response ?? smtp.message);
  if (isPermanent(smtp)) {
    return ApplicationFailure.create({
      type: PERMANENT_DELIVERY_FAILURE,
      nonRetryable: true,
      message: `delivery to ${recipient} refused for good: ${answer}`,
      details: [
        {
          recipient,
          messageId: message.messageId,
          responseCode: smtp.responseCode ?? null,
          response: answer,
          command: smtp.command ?? null,
        },
      ],
    });
  }
  const code = smtp.responseCode ?? smtp.code ?? 'no code';
  return new Error(`delivery to ${recipient} failed, will retry (${code}): ${answer}`);
}

/**
 * The running activity's context; none when called directly (scripts, unit tests, benchmarks).
 * Read from the SDK's store rather than through `Context.current()`, which throws outside an
 * activity: an exception per e-mail was a measurable part of B5's cost.
 */
export function currentActivityContext(): Context | undefined {
  return asyncLocalStorage.getStore();
}

async function renderOrFail(message: ReminderMessage, signing: LinkSigning | undefined): Promise<RenderedMessage> {
  if (!MESSAGE_ID.test(message.messageId)) throw invalid(message, 'Message-ID must look like <id@domain>');
  if (message.items.length === 0) throw invalid(message, 'no item');
  try {
    return renderMessage(message, signing ? await messageLinks(message, signing) : []);
  } catch (error) {
    throw invalid(message, error instanceof Error ? error.message : String(error));
  }
}

/** Hands a prepared e-mail to SMTP and returns what the server answered. */
export type Transmit = () => Promise<DeliveryReceipt>;

/**
 * Renders one reminder e-mail and returns how to send it: rendering (CPU) apart from the SMTP
 * transaction, so that a batch renders its next e-mails while the pool's connections are busy
 * (activities/deliver-day.ts holds a send slot for the transaction only).
 *
 * @throws `ApplicationFailure` {@link INVALID_REMINDER_MESSAGE} (not retryable) when the message
 *   cannot be rendered; the returned function throws as {@link sendReminder} does.
 */
export async function prepareReminder(
  { transport, parallelSends: _parallelSends, ledger: _ledger, actionLinks, ...sender }: ActivityDeps,
  message: ReminderMessage,
): Promise<Transmit> {
  const rendered = await renderOrFail(message, actionLinks);
  const options = toMailOptions(message, sender, rendered);
  return async () => {
    const log = currentActivityContext()?.log;
    const meta = {
      agreementId: message.agreement.id,
      messageId: message.messageId,
      day: message.day,
      reminders: message.items.map((i) => i.reminderId),
    };
    try {
      const info = await transport.sendMail(options);
      log?.info('reminder delivered', { ...meta, response: withoutAddresses(info.response) });
      return {
        messageId: message.messageId,
        response: info.response,
        accepted: (info.accepted as (string | Mail.Address)[]).map((a) =>
          typeof a === 'string' ? a : String(a.address),
        ),
      };
    } catch (error) {
      const classified = classifySendError(error, message);
      if (classified instanceof ApplicationFailure)
        log?.warn('reminder refused for good', { ...meta, error: classified.message });
      else log?.info('reminder delivery failed, will retry', { ...meta, error: classified.message });
      throw classified;
    }
  };
}

/**
 * Sends one reminder e-mail and returns what the server answered.
 *
 * @throws `ApplicationFailure` of type {@link PERMANENT_DELIVERY_FAILURE} or
 *   {@link INVALID_REMINDER_MESSAGE} (not retryable); a plain `Error` otherwise (retry).
 */
export async function sendReminder(deps: ActivityDeps, message: ReminderMessage): Promise<DeliveryReceipt> {
  return (await prepareReminder(deps, message))();
}
