/**
 * Pages anyone may read, signed in or not: the accessibility statement, and `/sante` for
 * health checks (the process answers; it says nothing about Temporal or the provider).
 *
 * @module
 */
import type { WebRoutes } from '../deps';

export const infoRoutes: WebRoutes = async (app) => {
  app.get('/sante', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('ok\n'));
  app.get('/accessibilite', async (_request, reply) =>
    reply.page('accessibilite', {}, { title: 'Accessibilité : partiellement conforme' }),
  );
};
