/**
 * The web application: `buildWebApp(deps)` returns a Fastify instance, ready to `listen` (see
 * web/main.ts) or to `inject` requests into (tests). Server-rendered French pages on GOV.UK
 * Frontend without its brand, working without JavaScript.
 *
 * Security, in the order requests meet it: security headers (strict CSP, no inline script or
 * style), the encrypted session cookie, `request.user` from it, the CSRF check of every POST,
 * rate limits on the sign-in routes; French error pages without internals. How to add a page:
 * docs/web.md « Écrire une page ».
 *
 * @module
 */
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySecureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { fileURLToPath } from 'node:url';
import { stylesheet } from './assets/stylesheet';
import { OidcSignIn } from './auth/oidc';
import { sessionUser } from './auth/session';
import type { WebDeps } from './deps';
import { installErrorPages } from './errors';
import { pageRenderer } from './page';
import { ROUTES } from './routes';

export type { WebDeps, WebRoutes, WebUser } from './deps';

const VIEWS_DIR = fileURLToPath(new URL('./views/', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('./assets/public/', import.meta.url));

/** The session lasts a working day; signing in again afterwards is quick with the provider's own session. */
const SESSION_SECONDS = 12 * 60 * 60;
/** An agreement file is a few kilobytes: a megabyte is generous. */
export const UPLOAD_LIMIT_BYTES = 1024 * 1024;

export interface WebAppOptions {
  /** Fastify's logger (pino) options, or false (tests); the request log below unless told. */
  logger?: FastifyServerOptions['logger'];
  /** Where the request log goes (standard output unless told; tests read it). */
  logStream?: NodeJS.WritableStream;
}

/** The sign-in helper, shared by the session routes (one discovery per application). */
declare module 'fastify' {
  interface FastifyInstance {
    oidcSignIn: OidcSignIn;
  }
}

export async function buildWebApp(deps: WebDeps, options: WebAppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: options.logger ?? {
      ...requestLogger(config.logLevel),
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    trustProxy: config.trustProxy,
    // The session cookie and the CSRF token fit well within this; an agreement upload is multipart.
    bodyLimit: 256 * 1024,
  });

  const css = await stylesheet();
  const stylesheetUrl = `/assets/pacte-${css.hash}.css`;
  const providerOrigin = new URL(config.oidc.issuer).origin;

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        // The sign-out form's answer redirects to the provider (RP-initiated logout): browsers
        // apply form-action to that redirect too.
        formAction: ["'self'", providerOrigin],
        frameAncestors: ["'none'"],
        ...(config.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secure ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  await app.register(fastifySecureSession, {
    key: config.sessionKey,
    cookieName: 'pacte_session',
    expiry: SESSION_SECONDS,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure, maxAge: SESSION_SECONDS },
  });
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    request.user = sessionUser(request, config);
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, {
    // Fields and the file come as `request.body` (the file as a Buffer): the CSRF check reads
    // `_csrf` there as for any form.
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 50, parts: 60 },
  });
  // Every POST carries the session's CSRF token (hidden field `_csrf`), whatever the route.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') return done();
    app.csrfProtection(request, reply, done);
  });
  // Pages show personal data: never kept by a browser or a proxy (the back button after signing
  // out on a shared computer shows nothing).
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyView, {
    engine: { eta: new Eta({ autoEscape: true }) },
    root: VIEWS_DIR,
    production: process.env.NODE_ENV === 'production',
  });
  app.decorateReply('page', pageRenderer(stylesheetUrl));

  // The stylesheet under a content-hashed name (cached for long), Pacte's own icons beside it.
  // GOV.UK Frontend's images are not served: they are the GOV.UK brand (crown, crest).
  app.get(stylesheetUrl, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(css.css),
  );
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', index: false, maxAge: '1d' });

  app.decorate('oidcSignIn', new OidcSignIn(config));
  installErrorPages(app);
  for (const routes of ROUTES) await app.register(routes, { deps });
  return app;
}

/**
 * One line per request with its method, path and status: no query string (the sign-in
 * callback's carries the code), no action link token, no cookie, no address, nothing about the person.
 */
function requestLogger(level: string) {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        // An action link's token is a capability: kept out of the log.
        path: req.url.split('?')[0]!.replace(/^\/action\/[^/]+/, '/action/…'),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
