/**
 * `npm run web`: the web application's process, beside the worker. Configuration from the
 * environment (web/config.ts); Temporal reached as the `pacte` command reaches it
 * (client/connection.ts: `TEMPORAL_ADDRESS`…, codec keys), on first use. On SIGTERM or SIGINT
 * it stops accepting connections, lets requests in flight finish, then exits.
 *
 * @module
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { PacteClient } from '../client/connection';
import { buildWebApp } from './app';
import { loadWebConfig, type WebConfig } from './config';

export interface RunningWeb {
  app: FastifyInstance;
  config: WebConfig;
  /** Stops listening, waits for requests in flight, closes the Temporal connection. */
  close(): Promise<void>;
}

/** Connects on first use and keeps the connection; a failed attempt is retried on the next use. */
function lazyTemporal(): { get: () => Promise<Client>; close: () => Promise<void> } {
  let opened: Promise<PacteClient> | undefined;
  return {
    get: async () => {
      opened ??= import('../client/connection')
        .then(({ openClient }) => openClient({}))
        .catch((e: unknown) => {
          opened = undefined;
          throw e;
        });
      return (await opened).client;
    },
    close: async () => {
      const pacte = await opened?.catch(() => undefined);
      await pacte?.close();
    },
  };
}

/** Builds the application and listens; `npm start` runs it in its own process this way. */
export async function startWeb(env: NodeJS.ProcessEnv = process.env): Promise<RunningWeb> {
  const config = loadWebConfig(env);
  const temporal = lazyTemporal();
  const app = await buildWebApp({ config, temporal: temporal.get, now: () => new Date() });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    // Node's own words (`listen EADDRINUSE: address already in use`) do not say what to change.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`port ${config.port} is taken on ${config.host}: set PACTE_WEB_PORT to a free port`, {
        cause: error,
      });
    throw error;
  }
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await temporal.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startWeb()
    .then((web) => {
      if (web.config.sessionKeyEphemeral) {
        web.app.log.warn('PACTE_WEB_SESSION_KEY is not set: sessions end when this process stops');
      }
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        web.close().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(`[pacte web] ${err instanceof Error ? err.message : String(err)}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', stop).once('SIGINT', stop);
    })
    .catch((err: unknown) => {
      console.error(`[pacte web] ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
