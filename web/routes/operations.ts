/**
 * Every operation of a running lifecycle as a form (docs/web.md « Opérations »):
 * `GET/POST /conventions/:agreementId/operations/:operation`, the operation named as the `pacte`
 * command names it (`census-answer`, `submit-sheet`, `meeting-held`, … `change-person`).
 *
 * On every request, on the server: the person is signed in, the lifecycle is read from Temporal,
 * the person may see the agreement and may act on the item the input names (web/access), else
 * 403 and nothing is sent. The input is built from the form's own fields only, checked with the
 * operation's schema (problems beside their fields, nothing sent), then sent as the `pacte`
 * command sends it (client/send-operation.ts) with `recordedBy` {via: web, personId, account};
 * the lifecycle's own refusal (its validator: wrong phase, unknown item, date in the future) is
 * shown beside its field too, and changed nothing. After success: the read model refreshes that
 * lifecycle, and the browser goes (303) to the agreement page, which shows what was done.
 *
 * The CSRF token of every POST is checked by the application (web/app.ts) before this runs.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPERATIONS } from '../../contracts/operations';
import { requireUser } from '../auth/session';
import type { WebDeps, WebRoutes } from '../deps';
import { canSee } from '../access/policy';
import { controlNames, hasProblems, problemsByField } from '../forms/field-problems';
import { problemNames } from '../forms/french-problems';
import { formToInput, postedValues } from '../forms/form-to-input';
import type { FormBody } from '../forms/form-types';
import { operationForm } from '../forms/operation-forms';
import { agreementFileStep } from './operation-agreement-file';
import { readLifecycle } from './operation-lifecycle';
import { formFor, formPageData } from './operation-page';
import { forbidden, sendAndAnswer, showProblems, type OperationContext } from './operation-send';

interface Params {
  agreementId: string;
  operation: string;
}

/** Reads the lifecycle and checks who asks; answers 404/403 itself and returns undefined then. */
async function open(
  deps: WebDeps,
  request: FastifyRequest<{ Params: Params }>,
  reply: FastifyReply,
): Promise<OperationContext | undefined> {
  const user = request.user!;
  const { agreementId, operation } = request.params;
  const lifecycle = await readLifecycle(await deps.temporal(), agreementId, deps.now());
  if (!lifecycle) {
    await reply.callNotFound();
    return undefined;
  }
  const full = operationForm(operation, {
    agreement: lifecycle.agreement,
    view: lifecycle.view,
    today: lifecycle.today,
  });
  if (!full) {
    await reply.callNotFound();
    return undefined;
  }
  // Not one of the agreement's people: 404, as the agreement page answers (a 403 would tell the id exists).
  if (!canSee(lifecycle.agreement, user)) {
    await reply.callNotFound();
    return undefined;
  }
  const form = formFor(full, lifecycle.agreement, lifecycle.view, user);
  if (!form) {
    await forbidden(reply);
    return undefined;
  }
  return { deps, lifecycle, form, user };
}

export const operationRoutes: WebRoutes = async (app, { deps }) => {
  app.get<{ Params: Params }>(
    '/conventions/:agreementId/operations/:operation',
    { preHandler: requireUser },
    async (request, reply) => {
      const ctx = await open(deps, request, reply);
      if (!ctx) return reply;
      const data = formPageData(ctx.form, ctx.lifecycle.agreement);
      return reply.page('operations', data, { title: ctx.form.title });
    },
  );

  app.post<{ Params: Params; Body: FormBody }>(
    '/conventions/:agreementId/operations/:operation',
    { preHandler: requireUser },
    async (request, reply) => {
      const ctx = await open(deps, request, reply);
      if (!ctx) return reply;
      const body = (request.body ?? {}) as FormBody;
      if (ctx.form.agreementFile) return agreementFileStep(request, reply, ctx, body);
      const values = postedValues(body);
      const fields = formToInput(ctx.form.items, body);
      const input = ctx.form.reshape ? ctx.form.reshape(fields) : fields;
      const parsed = OPERATIONS[ctx.form.operation].schema.safeParse(input);
      if (!parsed.success) {
        const problems = problemsByField(parsed.error, {
          controls: controlNames(ctx.form.items),
          aliases: ctx.form.aliases,
          names: problemNames(ctx.lifecycle.agreement),
        });
        if (hasProblems(problems)) return showProblems(reply, ctx, values, problems);
      }
      return sendAndAnswer(request, reply, ctx, input, values);
    },
  );
};
