/**
 * How SMTP failures map to Temporal retries, including those the sink cannot produce (a server
 * that never answers, 5xx on DATA or AUTH), and the sink's own knobs.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { classifySendError } from '../../activities/deliver-reminder';
import { createActivities } from '../../activities/create-activities';
import { createMailTransport } from '../../activities/mail-transport';
import { PERMANENT_DELIVERY_FAILURE } from '../../contracts/errors';
import { MASKED_ADDRESS, withoutAddresses } from '../../activities/without-addresses';
import { startSmtpSink } from '../support/smtp-sink';
import { ITEMS, jean, messageWith } from './fixtures';

const message = messageWith([ITEMS.meeting.item]);

function nodemailerError(fields: { code: string; command?: string; responseCode?: number; response?: string }): Error {
  return Object.assign(new Error(fields.response ?? fields.code), fields);
}

describe('classifySendError', () => {
  it.each([
    [
      '550 on RCPT TO',
      { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 user unknown' },
    ],
    [
      '550 echoing the address',
      {
        code: 'EENVELOPE',
        command: 'RCPT TO',
        responseCode: 550,
        response: `550 5.1.1 <${jean.email}>: Recipient address rejected`,
      },
    ],
    [
      '553 on MAIL FROM',
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553, response: '553 sender refused' },
    ],
    ['552 on DATA', { code: 'EMESSAGE', command: 'DATA', responseCode: 552, response: '552 message too big' }],
    ['an address nodemailer refuses', { code: 'EENVELOPE', command: 'API', response: 'Invalid recipient "x@"' }],
  ])('%s is permanent', (_what, fields) => {
    const error = classifySendError(nodemailerError(fields), message);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe(PERMANENT_DELIVERY_FAILURE);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    // The recipient by person id; the server's answer with any address masked.
    expect(error.message).toContain(jean.id);
    expect(error.message).toContain(withoutAddresses(fields.response));
    expect(JSON.stringify([error.message, (error as ApplicationFailure).details])).not.toContain(jean.email);
    expect(error.cause).toBeUndefined();
  });

  it.each([
    ['451 on MAIL FROM', { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 451, response: '451 try later' }],
    ['452 on RCPT TO', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452, response: '452 mailbox full' }],
    ['a refused connection', { code: 'ESOCKET', command: 'CONN', response: 'connect ECONNREFUSED 127.0.0.1:1' }],
    ['a timeout', { code: 'ETIMEDOUT', command: 'CONN', response: 'Greeting never received' }],
    [
      'bad credentials (an operator can fix them)',
      { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, response: '535 auth failed' },
    ],
  ])('%s is retried', (_what, fields) => {
    const error = classifySendError(nodemailerError(fields), message);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect(error.message).toContain('will retry');
    expect(error.message).toContain(jean.id);
    // nodemailer's own error (which names the address) is not attached: the SDK would log it.
    expect(error.cause).toBeUndefined();
  });

  it('masks an address the server echoes in a transient answer', () => {
    const error = classifySendError(
      nodemailerError({
        code: 'EENVELOPE',
        command: 'RCPT TO',
        responseCode: 451,
        response: `451 4.2.2 <${jean.email}>: mailbox full`,
      }),
      message,
    );
    expect(error.message).toContain(`<${MASKED_ADDRESS}>: mailbox full`);
    expect(error.message).not.toContain(jean.email);
  });

  it('anything thrown becomes an Error', () => {
    expect(classifySendError('boom', message)).toBeInstanceOf(Error);
  });
});

describe('a server that accepts the connection but never speaks', () => {
  const sockets: Socket[] = [];
  let server: Server | undefined;
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('times out into a retryable error within SMTP_TIMEOUT_MS', async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const activities = createActivities({
      transport: createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, timeoutMs: 300 }),
      from: 'pacte@localhost',
    });
    const started = Date.now();
    const error = await activities.deliverReminder(message).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toMatch(/ETIMEDOUT|Greeting never received|Timeout/i);
  });
});

describe('the SMTP sink', () => {
  it('fails exactly the next N transactions, counts attempts, and times out a waitFor', async () => {
    const sink = await startSmtpSink();
    try {
      const activities = createActivities({
        transport: createMailTransport({ smtpUrl: sink.url, timeoutMs: 5_000 }),
        from: 'pacte@localhost',
      });
      sink.failNext(2);
      const outcomes: string[] = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push(
          await activities.deliverReminder(message).then(
            () => 'sent',
            () => 'failed',
          ),
        );
      }
      expect(outcomes).toEqual(['failed', 'failed', 'sent']);
      expect(sink.attempts).toBe(3);
      expect(sink.messages).toHaveLength(1);
      await expect(sink.waitFor(2, 200)).rejects.toThrow(/1 of 2 messages/);
      sink.rejectRecipient(jean.email.toUpperCase());
      await expect(activities.deliverReminder(message)).rejects.toMatchObject({ type: PERMANENT_DELIVERY_FAILURE });
      sink.clear();
      expect(sink.messages).toHaveLength(0);
      await activities.deliverReminder(message);
      await sink.waitFor(1, 2_000);
    } finally {
      await sink.stop();
    }
  });
});
