/**
 * « Nouvelle convention » (docs/web.md « Démarrer une convention »): `GET/POST /conventions/nouvelle`.
 *
 * 1. The file is uploaded or pasted, read and checked as `pacte start` checks it; every problem
 *    is shown beside its field path and its source line, and nothing starts.
 * 2. A valid file's calendar is previewed (from today, moved dates explained), with « Démarrer »,
 *    which posts the text again (CSRF-checked like every POST); the text is read and checked
 *    again — the page's copy is never trusted — and the lifecycle started exactly as `pacte
 *    start` starts it (client/start-lifecycle.ts: same workflow id, input, search attributes and
 *    memo), on the worker's task queue (`PACTE_TASK_QUEUE`, else `pacte`).
 *
 * Who may start one: administrators, and any signed-in person the file names as a referent
 * (their e-mail address on a person with the `referent` role). Anyone signed in may check a file.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agreement } from '../../domain/agreement';
import { longDate } from '../../client/render/french-dates';
import { taskQueueOf } from '../../client/commands/task-queue';
import { startLifecycle } from '../../client/start-lifecycle';
import { requireUser } from '../auth/session';
import type { WebDeps, WebRoutes, WebUser } from '../deps';
import { sendErrorPage } from '../errors';
import { actsOnEverything } from '../access/policy';
import { annotatedLines, readAgreementSource, sourceSummary, type AgreementSource } from '../forms/agreement-source';
import { pacteDefaultsUsed } from '../../domain/pacte-defaults';
import { previewCalendar, previewRows } from '../forms/plan-preview';
import { setConfirmation } from './confirmation';
import { postedSource } from './operation-agreement-file';
import { refreshReadModel } from './operation-lifecycle';

const PATH = '/conventions/nouvelle';
const TITLE = 'Nouvelle convention';

/** Administrators, and the referents the file names. */
export function mayStart(agreement: Agreement, user: WebUser): boolean {
  return actsOnEverything(agreement, user);
}

function formPage(reply: FastifyReply, source?: Extract<AgreementSource, { ok: false }>): Promise<FastifyReply> {
  if (!source)
    return reply.page(
      'new-agreement',
      { summary: [], source: { text: '' }, problems: [], lines: [] },
      { title: TITLE },
    );
  return reply.page(
    'new-agreement',
    {
      summary: sourceSummary(source.problems),
      source: { text: source.text, error: 'Le fichier n’est pas valide.' },
      problems: source.problems,
      lines: annotatedLines(source.text, source.problems),
    },
    { title: `Erreur – ${TITLE}`, status: 400 },
  );
}

function previewPage(
  reply: FastifyReply,
  deps: WebDeps,
  source: Extract<AgreementSource, { ok: true }>,
  user: WebUser,
  summary: { text: string }[] = [],
): Promise<FastifyReply> {
  const { agreement } = source;
  return reply.page(
    'new-agreement-preview',
    {
      agreement: { id: agreement.id, title: agreement.title, parties: agreement.parties },
      term: `du ${longDate(agreement.term.startsOn)} au ${longDate(agreement.term.endsOn)}`,
      rows: previewRows(agreement, previewCalendar(agreement, deps.now().toISOString())),
      // Values no source gives, taken from Pacte's defaults: shown so that the partners write their own.
      defaults: pacteDefaultsUsed(source.data),
      text: source.text,
      mayStart: mayStart(agreement, user),
      summary,
    },
    { title: summary.length ? `Erreur – ${agreement.title}` : agreement.title, status: summary.length ? 409 : 200 },
  );
}

async function start(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: WebDeps,
  source: Extract<AgreementSource, { ok: true }>,
): Promise<FastifyReply> {
  const user = request.user!;
  const { agreement } = source;
  if (!mayStart(agreement, user)) return sendErrorPage(reply, 403);
  const client = await deps.temporal();
  const outcome = await startLifecycle(client, client.options.namespace, agreement, taskQueueOf({}));
  if (!outcome.ok) {
    const text =
      outcome.kind === 'running'
        ? `Cette convention est déjà suivie (identifiant ${agreement.id})\u00a0: modifiez-la par un avenant.`
        : `Le suivi de cette convention est déjà terminé (${outcome.status})\u00a0: une convention renouvelée a son propre identifiant.`;
    return previewPage(reply, deps, source, user, [{ text }]);
  }
  if (!outcome.polled) request.log.warn({ workflowId: outcome.workflowId }, 'no worker polls the task queue yet');
  setConfirmation(request, {
    title: 'Convention démarrée',
    text: `Le suivi de «\u00a0${agreement.title}\u00a0» a démarré.`,
  });
  await refreshReadModel(deps, outcome.workflowId, (e) => request.log.warn({ err: e }, 'read model refresh failed'));
  return reply.redirect(`/conventions/${agreement.id}`, 303);
}

export const newAgreementRoutes: WebRoutes = async (app, { deps }) => {
  app.get(PATH, { preHandler: requireUser }, async (_request, reply) => formPage(reply));

  app.post<{ Body: Record<string, unknown> }>(PATH, { preHandler: requireUser }, async (request, reply) => {
    const body = request.body ?? {};
    const source = readAgreementSource(postedSource(body));
    if (!source.ok) return formPage(reply, source);
    if (body.etape === 'demarrer') return start(request, reply, deps, source);
    return previewPage(reply, deps, source, request.user!);
  });
};
