/**
 * What the web application is built from, and what every route plugin receives: its
 * configuration, the Temporal client (opened on first use) and the clock.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import type { WebConfig } from './config';

export interface WebDeps {
  config: WebConfig;
  /** The Temporal client, connected on first use (the web starts even while Temporal is down). */
  temporal: () => Promise<Client>;
  /** The current instant; tests inject theirs. */
  now: () => Date;
  /** Sign-in attempts allowed per client address and minute (10 unless told). */
  signInRateLimit?: number;
}

/** A route plugin (web/routes/<area>.ts): receives the application's dependencies as its options. */
export type WebRoutes = FastifyPluginAsync<{ deps: WebDeps }>;

/** The person signed in, as every route sees it (`request.user`). */
export interface WebUser {
  /** The provider's subject identifier: stable, opaque. */
  sub: string;
  /** Lower-cased e-mail address: how Pacte matches a person of an agreement. */
  email: string;
  /** Display name (« Prénom Nom »). */
  name: string;
  /** Listed in PACTE_WEB_ADMINS. */
  isAdmin: boolean;
}
