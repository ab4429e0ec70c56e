/**
 * `pacte preview FILE --out DIR [--from YYYY-MM-DD] [--force] [--json]`: writes every e-mail an
 * agreement's lifecycle would send over its term (or from a date) as `.eml` files, and a readable
 * `index.txt`, without starting anything and without any server (docs/contracts.md#preview).
 *
 * The production path, not a copy of it: the term is walked by {@link simulateTerm} (the pure
 * planner, `dueItems`, `composeMessages`, the lifecycle's bookkeeping), and each wake-up's
 * messages go through the `deliverDay` activity itself, whose transport here is nodemailer's
 * buffer transport instead of SMTP. The raw e-mail is what the relay would have received, with
 * the Date of the wake-up and MIME boundaries derived from the Message-ID, so that the same file
 * always gives the same bytes.
 *
 * Checks come before anything is written: the `--from` date, the file (refused as `pacte plan`
 * refuses it), then `DIR` (a non-empty directory needs `--force`, which replaces only the
 * `.eml` files and `index.txt` found there).
 *
 * @module
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { createActivities, loadMailConfig, MailConfigError, type MailSender } from '../../activities';
import type { ReminderMessage } from '../../contracts/reminder-message';
import type { Agreement } from '../../domain/agreement';
import { localDateProblem } from '../../domain/field-checks';
import { curlyApostrophes } from '../../activities/render/typography';
import { simulateTerm } from '../../workflows/term-simulation';
import { CliError } from '../cli-error';
import { loadAgreementOrFail, pacteDefaultsOfFile } from './plan';
import type { PacteDefault } from '../../domain/pacte-defaults';
import { pacteDefaultsLines } from '../render/pacte-defaults-text';

export interface PreviewOptions {
  out: string;
  from?: string;
  force?: boolean;
  json?: boolean;
}

/** One rendered e-mail of the preview. */
export interface PreviewEmail {
  file: string;
  /** The local day it is sent: the wake-up's, later than its planned day when late. */
  day: string;
  /** A late e-mail's planned day (rule 3: sent at once after a late start, saying late). */
  plannedOn?: string;
  message: ReminderMessage;
  /** The raw RFC 5322 message, as the relay would receive it. */
  raw: Buffer;
  subject: string;
  /** `invitation.ics (REQUEST)`, … */
  attachments: string[];
}

const INDEX = 'index.txt';

/** The sender of every reminder: `MAIL_FROM`, as the worker reads it. */
function senderFromEnv(): string {
  try {
    return loadMailConfig({ MAIL_FROM: process.env.MAIL_FROM }).from;
  } catch (e) {
    if (e instanceof MailConfigError) throw new CliError([`MAIL_FROM: ${e.message}`]);
    throw e;
  }
}

function attachmentsOf(options: Mail.Options): string[] {
  const names: string[] = [];
  // `toMailOptions` always sets the object form: `{ method, content, filename }`.
  const ical = options.icalEvent as { filename?: string; method?: string } | undefined;
  if (ical) names.push(`${ical.filename ?? 'invitation.ics'} (${ical.method ?? 'PUBLISH'})`);
  for (const a of options.attachments ?? []) {
    const method = /method=(\w+)/.exec(String(a.contentType ?? ''))?.[1];
    names.push(`${a.filename || 'attachment'}${method ? ` (${method})` : ''}`);
  }
  return names;
}

/**
 * `2025-09-01-ref-cnfpt.eml`, by the day it is sent; a second e-mail the same day to the same
 * person (two late ones sent together) gets `-2`.
 */
function fileName(day: string, message: ReminderMessage, taken: Set<string>): string {
  const base = `${day}-${message.recipient.id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  let name = `${base}.eml`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.eml`;
  taken.add(name);
  return name;
}

/** Every e-mail of the term, rendered by the delivery activity into raw messages (no I/O). */
export async function renderTerm(agreement: Agreement, from: string | undefined, sender: string) {
  const simulation = simulateTerm(agreement, from === undefined ? {} : { from });
  const buffer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const captured = new Map<string, { raw: Buffer; options: Mail.Options }>();
  let wakeUpAt = '';
  let sentOn = '';
  // The activity's transport: it receives exactly the options `toMailOptions` builds. The file
  // says the day it is sent (X-Pacte-Day), which a late e-mail's message does not.
  const transport = {
    async sendMail(options: Mail.Options) {
      const messageId = String(options.messageId);
      const baseBoundary = `pacte-${messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
      const headers = { ...(options.headers as Record<string, string>), 'X-Pacte-Day': sentOn };
      const info = await buffer.sendMail({
        ...options,
        headers,
        date: new Date(wakeUpAt),
        baseBoundary,
      } as Mail.Options);
      captured.set(messageId, { raw: info.message as Buffer, options });
      return {
        ...info,
        response: '250 preview: written to a file, not sent',
        accepted: info.envelope.to,
        rejected: [],
        pending: [],
      } as unknown as SMTPTransport.SentMessageInfo;
    },
  } as unknown as MailSender;
  const { deliverDay } = createActivities({ transport, from: sender, parallelSends: 1 });

  const emails: PreviewEmail[] = [];
  const taken = new Set<string>();
  const problems: string[] = [];
  for (const wakeUp of simulation.wakeUps) {
    wakeUpAt = wakeUp.at;
    sentOn = DateTime.fromISO(wakeUp.at, { zone: agreement.timezone }).toISODate()!;
    const messages = wakeUp.messages.map((m) => m.message);
    const outcomes = await deliverDay({ messages });
    for (const [i, message] of messages.entries()) {
      const outcome = outcomes[i]!;
      const mail = captured.get(message.messageId);
      if (outcome.status !== 'sent' || !mail) {
        problems.push(
          `${message.day} ${message.recipient.id}: ${'reason' in outcome ? outcome.reason : 'not rendered'}`,
        );
        continue;
      }
      emails.push({
        file: fileName(sentOn, message, taken),
        day: sentOn,
        ...(message.day !== sentOn ? { plannedOn: message.day } : {}),
        message,
        raw: mail.raw,
        subject: String(mail.options.subject ?? ''),
        attachments: attachmentsOf(mail.options),
      });
    }
  }
  if (problems.length > 0) throw new CliError(problems.map((p) => `pacte preview: cannot render ${p}`));
  return { simulation, emails };
}

const INDEX_LABELS = {
  fr: {
    heading: (n: number, people: number) =>
      `${n} e-mail${n > 1 ? 's' : ''} à ${people} destinataire${people > 1 ? 's' : ''}, rendus par \`pacte preview\`\u00a0: rien n’a été envoyé.`,
    from: (d: string) =>
      `À partir du ${d} (--from)\u00a0: les rappels manqués avant cette date partent ce jour-là, en retard.`,
    late: (d: string) => `en retard, prévu le ${d}`,
    colon: '\u00a0: ',
    subject: 'Objet',
    attachments: 'Pièces jointes',
    none: 'aucune',
    empty: 'Aucun e-mail.',
  },
  en: {
    heading: (n: number, people: number) =>
      `${n} e-mail${n > 1 ? 's' : ''} to ${people} recipient${people > 1 ? 's' : ''}, rendered by \`pacte preview\`: nothing was sent.`,
    from: (d: string) => `From ${d} (--from): the reminders missed before that day go out that day, late.`,
    late: (d: string) => `late, planned on ${d}`,
    colon: ': ',
    subject: 'Subject',
    attachments: 'Attachments',
    none: 'none',
    empty: 'No e-mail.',
  },
} as const;

/** The readable index: one block per e-mail, in sending order, labels in the agreement's language. */
export function renderIndex(
  agreement: Agreement,
  emails: PreviewEmail[],
  from?: string,
  pacteDefaults: readonly PacteDefault[] = [],
): string {
  const labels = INDEX_LABELS[agreement.locale] ?? INDEX_LABELS.fr;
  const people = new Set(emails.map((e) => e.message.recipient.id)).size;
  const lines = [
    `${curlyApostrophes(agreement.title)} (${agreement.id})`,
    labels.heading(emails.length, people),
    ...(from ? [labels.from(from)] : []),
    '',
    ...pacteDefaultsLines(pacteDefaults, agreement.locale),
  ];
  if (emails.length === 0) lines.push(labels.empty, '');
  for (const e of emails) {
    const r = e.message.recipient;
    lines.push(
      `${e.file}`,
      `    ${e.day}${e.plannedOn ? ` (${labels.late(e.plannedOn)})` : ''} · ${r.id} · ${curlyApostrophes(r.name)} <${r.email}>`,
      `    ${labels.subject}${labels.colon}${e.subject}`,
      `    ${labels.attachments}${labels.colon}${e.attachments.length ? e.attachments.join(', ') : labels.none}`,
      '',
    );
  }
  return lines.join('\n');
}

/** Makes `out` ready to receive the files, or throws a {@link CliError} naming `--out`. */
async function prepareOut(out: string, force: boolean): Promise<void> {
  const info = await stat(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new CliError([`--out: cannot use ${out}: ${e.message}`]);
  });
  if (info && !info.isDirectory()) throw new CliError([`--out: ${out} exists and is not a directory`]);
  if (info) {
    const entries = await readdir(out);
    if (entries.length > 0 && !force)
      throw new CliError([
        `--out: ${out} is not empty (${entries.length} entries); use --force to replace the e-mails and index there`,
      ]);
    const ours = entries.filter((name) => name.endsWith('.eml') || name === INDEX);
    await Promise.all(ours.map((name) => rm(join(out, name), { force: true })));
    return;
  }
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new CliError([`--out: cannot create ${out}: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

export async function runPreview(file: string, options: PreviewOptions): Promise<void> {
  if (options.from !== undefined) {
    const problem = localDateProblem(options.from);
    if (problem) throw new CliError([`--from: ${problem}`]);
  }
  const agreement = await loadAgreementOrFail(file);
  const sender = senderFromEnv();
  const { emails } = await renderTerm(agreement, options.from, sender);

  const out = options.out;
  await prepareOut(out, options.force === true);
  try {
    for (const e of emails) await writeFile(join(out, e.file), e.raw);
    const pacteDefaults = await pacteDefaultsOfFile(file);
    await writeFile(join(out, INDEX), renderIndex(agreement, emails, options.from, pacteDefaults), 'utf8');
  } catch (e) {
    throw new CliError([`--out: cannot write in ${out}: ${e instanceof Error ? e.message : String(e)}`]);
  }

  const people = new Set(emails.map((e) => e.message.recipient.id)).size;
  const first = emails[0]?.day;
  const last = emails.at(-1)?.day;
  if (options.json) {
    const summary = {
      agreement: agreement.id,
      out,
      index: join(out, INDEX),
      emails: emails.length,
      recipients: people,
      ...(first && last ? { firstDay: first, lastDay: last } : {}),
      files: emails.map((e) => ({
        file: e.file,
        day: e.day,
        ...(e.plannedOn ? { plannedOn: e.plannedOn } : {}),
        to: e.message.recipient.id,
        messageId: e.message.messageId,
        subject: e.subject,
        attachments: e.attachments,
      })),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const span = first && last ? `, ${first} to ${last}` : '';
  process.stdout.write(
    `${agreement.id}: ${emails.length} e-mail(s) to ${people} recipient(s)${span}, written to ${out} (index: ${join(out, INDEX)}); nothing was sent\n`,
  );
}

export function register(program: Command): void {
  program
    .command('preview')
    .description("write every e-mail of an agreement's term as .eml files, with an index, without sending anything")
    .argument('<file>', 'agreement file (.yaml, .yml or .json)')
    .requiredOption('--out <dir>', 'directory to write the .eml files and index.txt into')
    .option('--from <date>', 'start the lifecycle on this local date (YYYY-MM-DD) instead of before the first reminder')
    .option('--force', 'write into a non-empty directory, replacing its .eml files and index.txt')
    .option('--json', 'print the summary and the list of files as JSON (docs/contracts.md#preview)')
    .action(async (file: string, options: PreviewOptions) => runPreview(file, options));
}
