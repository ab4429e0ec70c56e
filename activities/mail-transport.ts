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
 * Creates an SMTP transport from {@link MailConfig}: a pool of at most `maxConnections`
 * connections (default 10) reused from one message to the next. Measured in BENCHMARKS.md (B5,
 * B6): opening a connection per message made sending the bulk of a burst's delay. nodemailer
 * drops a pooled connection that fails and opens a fresh one, so a broken connection is not
 * inherited; a connection idle for a while is closed by the relay and reopened on demand.
 */
export function createMailTransport(
  config: Pick<MailConfig, 'smtpUrl' | 'timeoutMs'> & Partial<Pick<MailConfig, 'maxConnections'>>,
): MailTransport {
  return nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: config.maxConnections ?? 10,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    // The relay decides; a bounce would be out of band anyway, so only the SMTP answer counts.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
