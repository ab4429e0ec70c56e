/**
 * Acting from an e-mail (docs/web.md « Liens d'action »), without signing in:
 * - `GET /action/:token` shows what the link would record and changes nothing (mail scanners and
 *   previews open links);
 * - `POST /action/:token` (CSRF-checked like every POST: the token of the visitor's session,
 *   anonymous or not) records it with the lifecycle's update, validated as any other operation,
 *   `recordedBy: { via: 'email-link', personId }`.
 * A link is a capability for its one action: it signs nobody in and opens nothing else. A forged,
 * altered, expired link, or one naming someone or something that does not fit: one neutral page,
 * the same for every reason (which goes to the log only).
 *
 * @module
 */
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { ActionLinkClaims } from '../../contracts/action-link';
import { INVALID_OPERATION } from '../../contracts/errors';
import { snapshotQuery, type OperationOutcome, type OperationResult } from '../../contracts/messages';
import { OPERATIONS } from '../../contracts/operations';
import { lifecycleWorkflowId } from '../../contracts/workflow-ids';
import { operationInput, type FormBody } from '../action-links/input';
import { ACTION_PATH } from '../action-links/message-links';
import { targetOf, type ItemRef, type Target } from '../action-links/target';
import { checkActionLink } from '../action-links/token';
import type { WebDeps, WebRoutes } from '../deps';
import { sendErrorPage } from '../errors';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
/** Per address and route: enough for an office behind one address; guessing a signature gets nowhere anyway. */
const RATE_LIMIT = { max: 120, timeWindow: '1 minute' };

/** A wildcard, not `:token`: a token is longer than Fastify's parameter limit (100 characters). */
type Params = { Params: { '*': string } };

interface Resolved {
  claims: ActionLinkClaims;
  target: Target;
  agreementTitle: string;
  zone: string;
  client: Client;
  token: string;
}

/** Checks the link and reads the lifecycle: `undefined` when refused (the page is sent). */
async function resolve(
  deps: WebDeps,
  request: FastifyRequest<Params>,
  reply: FastifyReply,
): Promise<Resolved | undefined> {
  const keys = deps.config.linkKeys;
  const checked = keys ? await checkActionLink(request.params['*'], keys, deps.now()) : undefined;
  if (!checked?.ok) {
    request.log.info({ reason: checked?.reason ?? 'no-keys' }, 'action link refused');
    await refused(reply);
    return undefined;
  }
  const { claims } = checked;
  let client: Client;
  try {
    client = await deps.temporal();
    const handle = client.workflow.getHandle(lifecycleWorkflowId(claims.agr));
    const { view, agreement } = await handle.query(snapshotQuery);
    const target = targetOf(claims, view, agreement, deps.now().getTime());
    if (target.kind === 'refused') {
      request.log.info({ reason: 'person-or-item' }, 'action link refused');
      await refused(reply);
      return undefined;
    }
    return { claims, target, agreementTitle: view.title, zone: view.timezone, client, token: request.params['*'] };
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) {
      request.log.info({ reason: 'no-lifecycle' }, 'action link refused');
      await refused(reply);
      return undefined;
    }
    request.log.error({ err: e }, 'action link: Temporal unreachable');
    await sendErrorPage(reply, 503);
    return undefined;
  }
}

/** The day the lifecycle recorded, from its answer. */
function recordedOn(outcome: OperationOutcome): string {
  switch (outcome.kind) {
    case 'census-answered':
      return outcome.answeredOn;
    case 'sheet-submitted':
      return outcome.submittedOn;
    case 'meeting-held':
      return outcome.heldOn;
    case 'reminders-snoozed':
      return outcome.until.slice(0, 10);
    case 'indicators-recorded':
      return outcome.sentOn;
    case 'reminder-declined':
      return outcome.declaredOn;
    default:
      throw new Error(`unexpected outcome ${outcome.kind}`);
  }
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

async function refused(reply: FastifyReply): Promise<void> {
  await noStore(reply).page('action-refused', {}, { title: 'Lien non valide', status: 403 });
}

function frenchDate(date: string): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' }).setLocale('fr');
  return dt.isValid ? `${dt.toFormat('cccc')} ${dt.day === 1 ? '1er' : dt.day} ${dt.toFormat('LLLL yyyy')}` : date;
}

function frenchDateTime(instant: string, zone: string): string {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(zone).setLocale('fr');
  return dt.isValid ? `${frenchDate(dt.toISODate()!)} à ${dt.toFormat("H 'h' mm")}` : instant;
}

/** The local date of an instant in `zone`. */
function localDay(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(zone).toISODate() ?? instant.slice(0, 10);
}

/** What a snooze will do: back at its end, or (the deadline near) only the last reminder. */
function whatSnoozeDoes(snooze: NonNullable<ItemRef['snooze']>, zone: string): string {
  const deadline = snooze.dueOn ? ` du ${frenchDate(snooze.dueOn)}` : '';
  if (Date.parse(snooze.last) > Date.parse(snooze.until))
    return `Vous recevrez ce rappel à nouveau le ${frenchDate(localDay(snooze.until, zone))}${NBSP}; le dernier rappel avant l’échéance${deadline} reste prévu.`;
  return `Plus de rappel d’ici là, sauf le dernier avant l’échéance${deadline}, qui reste prévu le ${frenchDate(localDay(snooze.last, zone))}.`;
}

/** After a snooze: when the next reminder comes. */
function nextAfterSnooze(snoozed: { next?: string; nextIsLast?: boolean }, zone: string): string {
  if (snoozed.next === undefined) return 'Il ne reste aucun rappel avant l’échéance.';
  const on = frenchDate(localDay(snoozed.next, zone));
  return snoozed.nextIsLast
    ? `Le prochain rappel, le dernier avant l’échéance, arrivera le ${on}.`
    : `Le prochain rappel arrivera le ${on}.`;
}
/** What follows a « ce rappel ne me concerne plus », said before and after it is confirmed. */
const DECLINED_NEXT = `Les référents de la convention en seront informés${NNBSP}; vous continuerez de recevoir ce rappel tant qu’ils n’auront pas changé le destinataire.`;

/** What the confirmation records, in one sentence. */
function whatIsRecorded(claims: ActionLinkClaims, target: Extract<Target, { kind: 'open' }>, zone: string): string {
  switch (claims.act) {
    case 'census-answered':
      // The census as its e-mails name it (by programme year): « au recensement des demandes de formation 2027 ».
      return `La réponse au ${target.item.label.charAt(0).toLowerCase()}${target.item.label.slice(1)} est envoyée.`;
    case 'sheet-sent':
      return `La fiche projet «\u00a0${target.item.sheet?.title}\u00a0» est transmise, avec les informations ci-dessous.`;
    case 'meeting-held':
      return 'La réunion a eu lieu.';
    case 'tracking-table-updated':
      return 'La réunion a eu lieu et le tableau de suivi est à jour.';
    case 'snooze':
      return target.item.snooze ? whatSnoozeDoes(target.item.snooze, zone) : '';
    case 'indicators-sent':
      return `Les indicateurs de la réunion «\u00a0${target.item.indicators?.title}\u00a0» sont transmis${NBSP}: leurs relances s’arrêtent, pas celles de la réunion.`;
    case 'not-concerned':
      return `Ce rappel ne vous concerne plus. ${DECLINED_NEXT}`;
  }
}

async function showTarget(
  deps: WebDeps,
  reply: FastifyReply,
  resolved: Resolved,
  form: { values?: FormBody; errors?: Record<string, string>; failure?: string; recorded?: boolean } = {},
): Promise<FastifyReply> {
  const { claims, target, agreementTitle, zone } = resolved;
  noStore(reply);
  const today = DateTime.fromJSDate(deps.now()).setZone(zone).toISODate()!;
  switch (target.kind) {
    case 'gone':
    case 'refused':
      return reply.page('action-gone', {}, { title: 'Ce rappel n’est plus d’actualité', status: 410 });
    case 'not-yet':
      return reply.page(
        'action-not-yet',
        { agreementTitle, meetingTitle: target.item.meeting?.title ?? '', at: frenchDateTime(target.at, zone) },
        { title: 'La réunion n’a pas encore eu lieu' },
      );
    case 'done':
      if (target.snoozed)
        return reply.page(
          'action-snoozed',
          {
            recorded: form.recorded === true,
            agreementTitle,
            item: target.item.label,
            until: frenchDate(localDay(target.snoozed.until, zone)),
            next: nextAfterSnooze(target.snoozed, zone),
          },
          { title: form.recorded ? 'Rappel reporté' : 'Rappel déjà reporté' },
        );
      return reply.page(
        'action-done',
        {
          recorded: form.recorded === true,
          agreementTitle,
          item: target.item.label,
          on: frenchDate(target.on),
          byName: target.byName,
          declined: claims.act === 'not-concerned',
          reminderDate: target.item.reminder ? frenchDate(target.item.reminder.date) : '',
        },
        {
          title:
            claims.act === 'not-concerned'
              ? form.recorded
                ? 'C’est signalé'
                : 'Déjà signalé'
              : form.recorded
                ? 'C’est enregistré'
                : 'Déjà enregistré',
        },
      );
    case 'open': {
      const errors = form.errors ?? {};
      const hasErrors = Object.keys(errors).length > 0 || form.failure !== undefined;
      return reply.page(
        'action-confirm',
        {
          action: claims.act,
          formAction: `${ACTION_PATH}/${encodeURIComponent(resolved.token)}`,
          agreementTitle,
          item: target.item.label,
          personName: target.person.name,
          what: whatIsRecorded(claims, target, zone),
          today: frenchDate(today),
          sheetTitle: target.item.sheet?.title ?? '',
          reminderDate: target.item.reminder ? frenchDate(target.item.reminder.date) : '',
          values: form.values ?? {},
          errors,
          failure: form.failure,
        },
        { title: `${hasErrors ? `Erreur${NBSP}: ` : ''}Confirmer`, status: hasErrors ? 400 : 200 },
      );
    }
  }
}

export const actionLinkRoutes: WebRoutes = async (app, { deps }) => {
  app.get<Params>(`${ACTION_PATH}/*`, { config: { rateLimit: RATE_LIMIT } }, async (request, reply) => {
    const resolved = await resolve(deps, request, reply);
    if (!resolved) return reply;
    return showTarget(deps, reply, resolved);
  });

  app.post<Params & { Body: FormBody }>(
    `${ACTION_PATH}/*`,
    { config: { rateLimit: RATE_LIMIT } },
    async (request, reply) => {
      const resolved = await resolve(deps, request, reply);
      if (!resolved) return reply;
      const { target, claims, client } = resolved;
      if (target.kind !== 'open') return showTarget(deps, reply, resolved);
      const body = (request.body ?? {}) as FormBody;
      const built = operationInput(claims, target.operation, body);
      if (!built.ok) return showTarget(deps, reply, resolved, { values: body, errors: built.errors });
      const handle = client.workflow.getHandle(lifecycleWorkflowId(claims.agr));
      let result: OperationResult;
      try {
        // By name: the input was validated by this operation's own schema just above.
        result = await handle.executeUpdate<OperationResult, [unknown]>(OPERATIONS[target.operation].update.name, {
          args: [built.input],
        });
      } catch (e) {
        const cause = e instanceof WorkflowUpdateFailedError ? (e.cause as { type?: string } | undefined) : undefined;
        if (cause?.type !== INVALID_OPERATION) throw e;
        // Refused by the lifecycle (recorded meanwhile, item gone…): show where it stands now.
        request.log.info({ operation: target.operation }, 'action link: operation refused by the lifecycle');
        const now = await resolve(deps, request, reply);
        if (!now) return reply;
        if (now.target.kind !== 'open') return showTarget(deps, reply, now);
        return showTarget(deps, reply, { ...now, target: { kind: 'gone' } });
      }
      request.log.info({ operation: target.operation }, 'action link: recorded');
      // What the lifecycle answered is enough for the page: no second read (B7, click to recorded).
      const on = recordedOn(result.outcome);
      const outcome = result.outcome;
      const done: Target = {
        kind: 'done',
        person: target.person,
        item: target.item,
        on,
        byName: target.person.name,
        ...(outcome.kind === 'reminders-snoozed'
          ? {
              snoozed: {
                until: outcome.until,
                ...(outcome.next ? { next: outcome.next, nextIsLast: outcome.nextIsLast === true } : {}),
              },
            }
          : {}),
      };
      return showTarget(deps, reply, { ...resolved, target: done }, { recorded: true });
    },
  );
};
