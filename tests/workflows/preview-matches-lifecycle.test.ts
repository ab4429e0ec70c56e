/**
 * What `pacte preview` writes is what the lifecycle sends: the Terre Valserhône convention runs
 * from signature to expiry on the time-skipping server with real activities and a real SMTP
 * server, and its e-mails are compared with the preview of the same agreement (the term
 * simulation rendered through the `deliverDay` activity, as the command does): the same
 * Message-IDs, and for each the same recipient, subject, text, HTML and invitation.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTerm } from '../../client/commands/preview';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import type { Agreement } from '../../domain/agreement';
import { agreementLifecycle } from '../../workflows/agreement-lifecycle';
import { exampleAgreement, startLifecycleEnv, type LifecycleEnv } from '../support/lifecycle-env';
import { yearsAhead } from '../support/lifecycle-helpers';

describe('pacte preview against the lifecycle', () => {
  let t: LifecycleEnv;
  let agreement: Agreement;

  beforeAll(async () => {
    t = await startLifecycleEnv('preview-matches-lifecycle');
    agreement = await exampleAgreement('convention-cadre-terre-valserhone', await yearsAhead(t.env, '2025-01-15'));
  });
  afterAll(async () => t?.teardown());

  it('the preview has every e-mail the lifecycle sends over the term, with the same content', async () => {
    const worker = await t.newWorker();
    const result = await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(agreementLifecycle, {
        workflowId: lifecycleWorkflowId(agreement.id),
        taskQueue: t.taskQueue,
        args: [{ agreement }],
      });
      return await handle.result();
    });
    expect(result.phase).toBe('expired');

    const sent = new Map(t.sink.messages.map((m) => [m.messageId!, m]));
    const { emails } = await renderTerm(agreement, undefined, 'Pacte <pacte@localhost>');
    expect(emails.length).toBeGreaterThan(20);
    expect(emails.map((e) => e.message.messageId).sort()).toEqual([...sent.keys()].sort());

    for (const e of emails) {
      const id = e.message.messageId;
      const mail = sent.get(id)!;
      const preview = await simpleParser(e.raw);
      expect(mail.envelope.to, id).toEqual([e.message.recipient.email]);
      expect(preview.subject, id).toBe(mail.subject);
      expect(preview.text, id).toBe(mail.text);
      expect(preview.html || '', id).toBe(mail.html);
      for (const header of ['x-pacte-agreement', 'x-pacte-day', 'x-pacte-due', 'x-pacte-reminders'])
        expect(preview.headers.get(header), `${id} ${header}`).toBe(mail.headers[header]);
      const calendars = preview.attachments
        .filter((a) => a.contentType === 'text/calendar')
        .map((a) => a.content.toString('utf8').replace(/\r\n/g, '\n'));
      expect(calendars, id).toEqual(mail.icalendar.map((c) => c.replace(/\r\n/g, '\n')));
    }
  });
});
