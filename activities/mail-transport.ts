/**
 * The nodemailer SMTP transport the worker hands to {@link createActivities}. Kept apart from
 * the activities so tests and other workers can inject their own transport.
 *
 * @module
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailConfig } from './config';

export type MailTransport = Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

/**
 * Creates an SMTP transport from {@link MailConfig}. One connection per message (no pool): the
 * volume is a few reminders a day, and a fresh connection never inherits a broken one.
 */
export function createMailTransport(config: Pick<MailConfig, 'smtpUrl' | 'timeoutMs'>): MailTransport {
  return nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    // The relay decides; a bounce would be out of band anyway, so only the SMTP answer counts.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
