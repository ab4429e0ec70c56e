/**
 * Pages anyone may read, signed in or not: the accessibility statement.
 *
 * @module
 */
import type { WebRoutes } from '../deps';

export const infoRoutes: WebRoutes = async (app) => {
  app.get('/accessibilite', async (_request, reply) =>
    reply.page('accessibilite', {}, { title: 'Accessibilité : partiellement conforme' }),
  );
};
