/**
 * The one read model of a web application (per `WebDeps`): created on first use from the
 * application's Temporal client, loading as soon as the application is ready, stopped when it
 * closes. A first load that fails (Temporal down) is tried again by the next page.
 *
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps';
import { LifecycleReadModel, type ReadModelOptions } from './lifecycle-read-model';

interface Slot {
  model?: Promise<LifecycleReadModel>;
  options?: Omit<ReadModelOptions, 'client'>;
}

const slots = new WeakMap<WebDeps, Slot>();

function slotOf(deps: WebDeps): Slot {
  let slot = slots.get(deps);
  if (!slot) slots.set(deps, (slot = {}));
  return slot;
}

/** Sets the model's periods for an application (tests and benchmarks), before its first use. */
export function configureReadModel(deps: WebDeps, options: Omit<ReadModelOptions, 'client'>): void {
  slotOf(deps).options = options;
}

/** The application's read model, loaded (its first round done). */
export function readModelFor(deps: WebDeps): Promise<LifecycleReadModel> {
  const slot = slotOf(deps);
  slot.model ??= (async () => {
    const model = new LifecycleReadModel({ ...slot.options, client: await deps.temporal() });
    await model.start();
    return model;
  })().catch((e: unknown) => {
    slot.model = undefined;
    throw e;
  });
  return slot.model;
}

/** Starts loading when the application is ready and stops refreshing when it closes (idempotent). */
export function installReadModel(app: FastifyInstance, deps: WebDeps): void {
  app.addHook('onReady', async () => {
    readModelFor(deps).catch((e: unknown) =>
      app.log.warn(`read model: first load failed (${e instanceof Error ? e.message : String(e)}); retried on demand`),
    );
  });
  app.addHook('onClose', async () => {
    const model = slotOf(deps).model;
    slotOf(deps).model = undefined;
    if (model) (await model.catch(() => undefined))?.stop();
  });
}
