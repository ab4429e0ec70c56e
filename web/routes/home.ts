/**
 * « Mes échéances » at `/`: a placeholder greeting the signed-in person until the deadlines
 * page replaces it.
 *
 * @module
 */
import { requireUser } from '../auth/session';
import type { WebRoutes } from '../deps';

export const homeRoutes: WebRoutes = async (app) => {
  app.get('/', { preHandler: requireUser }, async (_request, reply) =>
    reply.page('home', {}, { title: 'Mes échéances' }),
  );
};
