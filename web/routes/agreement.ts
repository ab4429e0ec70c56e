/**
 * One agreement: `GET /conventions/:agreementId` (its page), `…/calendrier.ics` (its calendar
 * for calendar applications) and `…/suivi.xlsx` (its tracking table). Every route checks on the
 * server that the signed-in person may see the agreement (web/access/).
 *
 * An agreement the person may not see answers 404, exactly as one that does not exist (or has
 * ended): a 403 would tell that the id exists. The page itself says nothing of who may see it.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '../../domain/field-schemas';
import { canSee } from '../access/policy';
import { requireUser } from '../auth/session';
import type { WebDeps, WebRoutes } from '../deps';
import { sendErrorPage } from '../errors';
import { calendarIcs } from '../exports/calendar-ics';
import { trackingWorkbook } from '../exports/tracking-table';
import { installReadModel, readModelFor } from '../read-model/app-read-model';
import type { LifecycleEntry } from '../read-model/lifecycle-entry';
import { agreementPageModel } from '../view-models/agreement-model';
import { takeConfirmation } from './confirmation';

const Params = z.strictObject({ agreementId: IdSchema });

/** The lifecycle entry the signed-in person asked for, or the error page already sent. */
async function visibleEntry(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<LifecycleEntry | undefined> {
  const params = Params.safeParse(request.params);
  if (!params.success) {
    await sendErrorPage(reply, 404);
    return undefined;
  }
  const model = await readModelFor(deps).catch(() => undefined);
  if (!model) {
    await sendErrorPage(reply, 503);
    return undefined;
  }
  const entry = model.get(params.data.agreementId);
  if (!entry || !canSee(entry.agreement, request.user!)) {
    await sendErrorPage(reply, 404);
    return undefined;
  }
  return entry;
}

export const agreementRoutes: WebRoutes = async (app, { deps }) => {
  installReadModel(app, deps);

  app.get('/conventions/:agreementId', { preHandler: requireUser }, async (request, reply) => {
    const entry = await visibleEntry(deps, request, reply);
    if (!entry) return reply;
    const client = await deps.temporal();
    const base = deps.config.temporalUiUrl;
    const m = agreementPageModel(entry, request.user!, deps.now().getTime(), {
      ...(base ? { temporalUi: { base, namespace: client.options.namespace } } : {}),
    });
    return reply.page('agreement', { m, confirmation: takeConfirmation(request) }, { title: entry.agreement.title });
  });

  app.get('/conventions/:agreementId/calendrier.ics', { preHandler: requireUser }, async (request, reply) => {
    const entry = await visibleEntry(deps, request, reply);
    if (!entry) return reply;
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${entry.agreement.id}.ics"`)
      .header('cache-control', 'private, no-store')
      .send(calendarIcs(entry));
  });

  app.get('/conventions/:agreementId/suivi.xlsx', { preHandler: requireUser }, async (request, reply) => {
    const entry = await visibleEntry(deps, request, reply);
    if (!entry) return reply;
    const workbook = await trackingWorkbook(entry, deps.now().getTime());
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="suivi-${entry.agreement.id}.xlsx"`)
      .header('cache-control', 'private, no-store')
      .send(workbook);
  });
};
