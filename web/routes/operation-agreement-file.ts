/**
 * The two steps of the operations that take a whole agreement file (`amend`, `renew`): the file
 * (uploaded or pasted) is read and checked as `pacte amend` checks it, its problems shown beside
 * the source; then what it changes is shown — the calendar's events added, removed and moved for
 * an amendment, the successor's calendar for a renewal — with a button that posts the text again.
 * The confirmation reads and checks that text again (the page's copy is never trusted) and sends
 * the data as written, as the CLI does; the lifecycle parses it once more.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agreement } from '../../domain/agreement';
import { planCalendar, toPublicPlan } from '../../domain/calendar';
import type { Calendar } from '../../domain/calendar-types';
import { OPERATIONS } from '../../contracts/operations';
import { factsOf } from '../read-model/entry-calendar';
import { annotatedLines, readAgreementSource, sourceSummary, type AgreementSource } from '../forms/agreement-source';
import { controlNames, problemsByField } from '../forms/field-problems';
import { formToInput, postedValues } from '../forms/form-to-input';
import type { FormBody } from '../forms/form-types';
import { hasChanges, planChanges } from '../forms/plan-changes';
import { previewRow, previewRows, type PreviewRow } from '../forms/plan-preview';
import { sendAndAnswer, showProblems, type OperationContext } from './operation-send';

/** The agreement text of a posted body: the uploaded file (a Buffer) if any, else the pasted text. */
export function postedSource(body: Record<string, unknown>): string {
  const file = body.fichier;
  if (Buffer.isBuffer(file) && file.length > 0) return file.toString('utf8');
  return typeof body.texte === 'string' ? body.texte : '';
}

export async function agreementFileStep(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: OperationContext,
  body: FormBody,
): Promise<FastifyReply> {
  const raw = body as unknown as Record<string, unknown>;
  const text = postedSource(raw);
  const summaryBody: FormBody = { summary: typeof raw.summary === 'string' ? raw.summary : undefined };
  const fields = formToInput(ctx.form.items, summaryBody);
  const values = postedValues(summaryBody);
  const source = checkedSource(ctx, readAgreementSource(text));
  if (!source.ok) return showSourceProblems(reply, ctx, values, source);

  const parsed = OPERATIONS[ctx.form.operation].schema.safeParse({ ...fields, agreement: source.data });
  if (!parsed.success)
    return showProblems(reply, ctx, values, problemsByField(parsed.error, { controls: controlNames(ctx.form.items) }));

  if (raw.etape === 'confirmer')
    return sendAndAnswer(request, reply, ctx, { ...fields, agreement: source.data }, values);
  return reply.page('amend-preview', previewData(ctx, source.agreement, source.text, values.summary?.[0] ?? ''), {
    title: ctx.form.agreementFile === 'amendment' ? 'Changements de l’avenant' : 'Calendrier du renouvellement',
  });
}

/** The checks `amend` and `renew` make on the id before the lifecycle does: said beside the source. */
function checkedSource(ctx: OperationContext, source: AgreementSource): AgreementSource {
  if (!source.ok) return source;
  const current = ctx.lifecycle.agreement.id;
  const problem =
    ctx.form.agreementFile === 'amendment' && source.agreement.id !== current
      ? `un avenant garde l’identifiant «\u00a0${current}\u00a0» (le fichier dit «\u00a0${source.agreement.id}\u00a0»)`
      : ctx.form.agreementFile === 'successor' && source.agreement.id === current
        ? `la convention suivante doit avoir son propre identifiant (pas «\u00a0${current}\u00a0»)`
        : undefined;
  if (!problem) return source;
  const line = source.text.split(/\r?\n/).findIndex((l) => /^id\s*:/.test(l) || /"id"\s*:/.test(l));
  return {
    ok: false,
    text: source.text,
    name: source.name,
    problems: [{ path: 'id', ...(line >= 0 ? { line: line + 1 } : {}), message: problem }],
  };
}

function showSourceProblems(
  reply: FastifyReply,
  ctx: OperationContext,
  values: Record<string, string[]>,
  source: Extract<AgreementSource, { ok: false }>,
): Promise<FastifyReply> {
  return showProblems(
    reply,
    ctx,
    values,
    { fields: {}, general: [] },
    {
      summary: sourceSummary(source.problems),
      source: { text: source.text, error: 'Le fichier n’est pas valide.' },
      problems: source.problems,
      lines: annotatedLines(source.text, source.problems),
    },
  );
}

function previewData(
  ctx: OperationContext,
  next: Agreement,
  text: string,
  summaryText: string,
): Record<string, unknown> {
  const { agreement, view } = ctx.lifecycle;
  const now = ctx.deps.now().toISOString();
  const base = {
    agreement: { id: agreement.id, title: agreement.title },
    back: `/conventions/${agreement.id}/operations/${ctx.form.slug}`,
    action: `/conventions/${agreement.id}/operations/${ctx.form.slug}`,
    text,
    summaryText,
    summary: [],
  };
  if (ctx.form.agreementFile === 'successor') {
    const calendar = planCalendar(next, { now });
    return { ...base, heading: next.title, rows: previewRows(next, calendar), confirm: 'Renouveler' };
  }
  const facts = { ...factsOf({ view }), now };
  const before = planCalendar(agreement, facts);
  const after = planCalendar(next, facts);
  const changes = planChanges(toPublicPlan(before), toPublicPlan(after));
  const rowOf = (calendar: Calendar, people: Agreement, id: string): PreviewRow => {
    const names = new Map(people.people.map((p) => [p.id, p.name]));
    return previewRow(
      calendar.entries.find((e) => e.id === id)!,
      calendar.timezone,
      names,
    );
  };
  return {
    ...base,
    heading: 'Changements du calendrier',
    changed: hasChanges(changes),
    changes: [
      { caption: 'Échéances ajoutées', rows: changes.added.map((e) => rowOf(after, next, e.id)) },
      { caption: 'Échéances supprimées', rows: changes.removed.map((e) => rowOf(before, agreement, e.id)) },
      {
        caption: 'Échéances déplacées',
        rows: changes.moved.map((m) => ({
          ...rowOf(after, next, m.after.id),
          moved: `au lieu de ${rowOf(before, agreement, m.before.id).when}`,
        })),
      },
      { caption: 'Rappels modifiés', rows: changes.remindersChanged.map((m) => rowOf(after, next, m.after.id)) },
    ],
    confirm: 'Confirmer l’avenant',
  };
}
