/**
 * Sending an operation from the web, and the pages that answer it: the check that the person may
 * act on the item the input names (else 403, nothing sent), the send itself as the `pacte`
 * command sends it (client/send-operation.ts) with `recordedBy` {via: web, personId, account},
 * the lifecycle's refusal beside its fields (400, nothing changed), or on success the read
 * model's refresh, the confirmation banner and a 303 to the agreement page.
 *
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPERATIONS } from '../../contracts/operations';
import { describeOutcome } from '../../client/render/operation-outcome';
import { sendOperation } from '../../client/send-operation';
import { sendErrorPage } from '../errors';
import { frenchSpacing } from '../view-models/french-spacing';
import { withNames } from '../view-models/outcome-names';
import type { WebDeps, WebUser } from '../deps';
import { actsOnEverything, canAct } from '../access/policy';
import { controlNames, problemsFromLines } from '../forms/field-problems';
import { problemNames } from '../forms/french-problems';
import type { FieldProblems } from '../forms/form-types';
import { operationAction } from '../forms/operation-action';
import type { OperationForm } from '../forms/operation-forms';
import { setConfirmation } from './confirmation';
import { recordedByWeb, refreshReadModel, type OperatedLifecycle } from './operation-lifecycle';
import { formPageData } from './operation-page';

/** The lifecycle, the form and the person, once every check that needs no input has passed. */
export interface OperationContext {
  deps: WebDeps;
  lifecycle: OperatedLifecycle;
  form: OperationForm;
  user: WebUser;
}

/** 403, the application's error page (web/errors.ts): nothing is said about the agreement. */
export async function forbidden(reply: FastifyReply): Promise<void> {
  await sendErrorPage(reply, 403);
}

/** Renders the form again with its problems (400): nothing was sent, or the lifecycle refused it. */
export function showProblems(
  reply: FastifyReply,
  ctx: OperationContext,
  values: Record<string, string[]>,
  problems: FieldProblems,
  extra: Record<string, unknown> = {},
): Promise<FastifyReply> {
  // A message without French wording yet: shown as a generic one, logged without the values it quotes.
  if (problems.unmapped?.length) reply.log.warn({ unmapped: problems.unmapped }, 'problem without French wording');
  const data = { ...formPageData(ctx.form, ctx.lifecycle.agreement, values, problems), ...extra };
  return reply.page('operations', data, { title: `Erreur – ${ctx.form.title}`, status: 400 });
}

/**
 * Sends `input` (already checked with the schema) as the form's operation, after checking the
 * person may act on the item it names; answers the page (403, problems, or 303 to the agreement).
 */
export async function sendAndAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: OperationContext,
  input: Record<string, unknown>,
  values: Record<string, string[]>,
): Promise<FastifyReply> {
  const { lifecycle, form, user, deps } = ctx;
  const action = operationAction(form.slug, input, lifecycle.view);
  // An operation the access rules do not itemise is for referents and administrators only.
  const allowed = action ? canAct(lifecycle.agreement, user, action) : actsOnEverything(lifecycle.agreement, user);
  if (!allowed) {
    await forbidden(reply);
    return reply;
  }
  const { update } = OPERATIONS[form.operation];
  const client = await deps.temporal();
  const sent = await sendOperation(client, lifecycle.workflowId, update as never, {
    ...input,
    recordedBy: recordedByWeb(lifecycle.agreement, user),
  });
  if (!sent.ok) {
    const lines =
      sent.kind === 'refused'
        ? sent.problems
        : sent.kind === 'ended'
          ? [`Le cycle de vie de cette convention est terminé (${sent.status})\u00a0: il ne prend plus d’opération.`]
          : [`L’opération a échoué\u00a0: ${sent.message}`];
    return showProblems(
      reply,
      ctx,
      values,
      problemsFromLines(lines, {
        controls: controlNames(form.items),
        aliases: form.aliases,
        names: problemNames(lifecycle.agreement),
      }),
    );
  }
  const result = sent.result as { outcome: Parameters<typeof describeOutcome>[0] };
  // A handover's new person is not yet in the agreement read before sending: named from the input.
  const arriving = input.person as { id: string; name: string } | undefined;
  const { people, parties } = lifecycle.agreement;
  setConfirmation(request, {
    title: `${form.title}\u00a0: c’est enregistré`,
    text: frenchSpacing(
      describeOutcome(withNames(result.outcome, { people: arriving ? [...people, arriving] : people, parties }), 'fr'),
    ),
  });
  await refreshReadModel(deps, lifecycle.workflowId, (e) => request.log.warn({ err: e }, 'read model refresh failed'));
  return reply.redirect(`/conventions/${lifecycle.agreement.id}`, 303);
}
