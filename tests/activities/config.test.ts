/**
 * Mail configuration from the environment, and the barrel's wiring of it to a real transport.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivitiesFromEnv, loadMailConfig, MailConfigError } from '../../activities';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { simpleParser } from 'mailparser';
import { ITEMS, messageWith } from './fixtures';

describe('loadMailConfig', () => {
  it('defaults to a local catcher on port 1025', () => {
    expect(loadMailConfig({})).toEqual({
      smtpUrl: 'smtp://127.0.0.1:1025',
      from: 'Pacte <pacte@localhost>',
      listDomain: 'localhost',
      timeoutMs: 10_000,
      maxConnections: 10,
    });
  });

  it('reads every variable, empty ones count as unset', () => {
    expect(
      loadMailConfig({
        SMTP_URL: 'smtps://user:secret@relay.example.org:465',
        MAIL_FROM: 'pacte@cnfpt.fr',
        SMTP_TIMEOUT_MS: '2500',
        SMTP_MAX_CONNECTIONS: '2',
        PACTE_MAIL_FROM_NAME: ' CNFPT Auvergne-Rhône-Alpes ',
        PACTE_MAIL_LIST_DOMAIN: 'Pacte.CNFPT.fr',
      }),
    ).toEqual({
      smtpUrl: 'smtps://user:secret@relay.example.org:465',
      from: 'pacte@cnfpt.fr',
      fromName: 'CNFPT Auvergne-Rhône-Alpes',
      listDomain: 'pacte.cnfpt.fr',
      timeoutMs: 2500,
      maxConnections: 2,
    });
    expect(loadMailConfig({ SMTP_URL: '', MAIL_FROM: '' }).smtpUrl).toBe('smtp://127.0.0.1:1025');
    expect(loadMailConfig({ PACTE_MAIL_FROM_NAME: '' })).not.toHaveProperty('fromName');
  });

  it('derives the List-Id domain from the MAIL_FROM address', () => {
    expect(loadMailConfig({ MAIL_FROM: 'Pacte CNFPT <Pacte@CNFPT.example>' }).listDomain).toBe('cnfpt.example');
    expect(loadMailConfig({ MAIL_FROM: 'pacte@cnfpt.fr' }).listDomain).toBe('cnfpt.fr');
  });

  it.each([
    [{ SMTP_URL: 'http://relay:25' }, 'SMTP_URL'],
    [{ SMTP_URL: 'relay.example.org' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'Pacte' }, 'MAIL_FROM'],
    [{ SMTP_TIMEOUT_MS: 'soon' }, 'SMTP_TIMEOUT_MS'],
    [{ SMTP_TIMEOUT_MS: '-1' }, 'SMTP_TIMEOUT_MS'],
    [{ SMTP_MAX_CONNECTIONS: '0' }, 'SMTP_MAX_CONNECTIONS'],
    [{ SMTP_MAX_CONNECTIONS: 'many' }, 'SMTP_MAX_CONNECTIONS'],
    [{ PACTE_MAIL_FROM_NAME: 'CNFPT\r\nBcc: x@example.org' }, 'PACTE_MAIL_FROM_NAME'],
    [{ PACTE_MAIL_FROM_NAME: 'CNFPT <x@example.org>' }, 'PACTE_MAIL_FROM_NAME'],
    [{ PACTE_MAIL_FROM_NAME: 'x'.repeat(121) }, 'PACTE_MAIL_FROM_NAME'],
    [{ PACTE_MAIL_LIST_DOMAIN: 'not a domain' }, 'PACTE_MAIL_LIST_DOMAIN'],
    [{ PACTE_MAIL_LIST_DOMAIN: 'pacte..cnfpt.fr' }, 'PACTE_MAIL_LIST_DOMAIN'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadMailConfig(env)).toThrow(MailConfigError);
    expect(() => loadMailConfig(env)).toThrow(new RegExp(`${variable}: `));
  });

  it('names every faulty variable at once', () => {
    expect(() => loadMailConfig({ SMTP_URL: 'nope', MAIL_FROM: 'nope' })).toThrow(/SMTP_URL: .*; MAIL_FROM: /);
  });
});

describe('createActivitiesFromEnv', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.stop();
  });

  it('sends through SMTP_URL from MAIL_FROM', async () => {
    const activities = createActivitiesFromEnv({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Pacte CNFPT <pacte@cnfpt.example>',
      PACTE_DELIVERY_LEDGER: 'off',
    });
    await activities.deliverReminder(messageWith([ITEMS.dispute.item]));
    const [received] = await sink.waitFor(1);
    expect(received!.envelope.from).toBe('pacte@cnfpt.example');
    expect(received!.headers.from).toBe('Pacte CNFPT <pacte@cnfpt.example>');
  });

  it('signs with PACTE_MAIL_FROM_NAME and files under PACTE_MAIL_LIST_DOMAIN', async () => {
    sink.clear();
    const activities = createActivitiesFromEnv({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Pacte <pacte@cnfpt.example>',
      PACTE_MAIL_FROM_NAME: 'CNFPT Auvergne-Rhône-Alpes',
      PACTE_MAIL_LIST_DOMAIN: 'pacte.invalid',
      PACTE_DELIVERY_LEDGER: 'off',
    });
    await activities.deliverReminder(messageWith([ITEMS.dispute.item]));
    const [received] = await sink.waitFor(1);
    const parsed = await simpleParser(received!.raw);
    expect(received!.envelope.from).toBe('pacte@cnfpt.example');
    expect(parsed.from?.value).toEqual([{ name: 'CNFPT Auvergne-Rhône-Alpes', address: 'pacte@cnfpt.example' }]);
    expect(received!.headers['list-id']).toMatch(/<valserhone-2025\.pacte\.invalid>$/);
  });
});
