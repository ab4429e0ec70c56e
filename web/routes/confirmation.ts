/**
 * The confirmation banner after a recorded operation or a started lifecycle: what it did, worded
 * as `pacte` words it (client/render/operation-outcome.ts), kept in the session for the one page
 * the browser is redirected to (303), which shows it once (`takeConfirmation`).
 *
 * @module
 */
import type { FastifyRequest } from 'fastify';

export interface Confirmation {
  /** The banner's heading: « Opération enregistrée ». */
  title: string;
  /** What it did, in one sentence. */
  text: string;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    confirmation: Confirmation;
  }
}

export function setConfirmation(request: FastifyRequest, confirmation: Confirmation): void {
  request.session.set('confirmation', confirmation);
}

/** The banner to show on this page, if any; shown once. */
export function takeConfirmation(request: FastifyRequest): Confirmation | undefined {
  const confirmation = request.session.get('confirmation');
  if (confirmation) request.session.set('confirmation', undefined);
  return confirmation;
}
