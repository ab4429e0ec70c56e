/**
 * « Mes échéances » at `/`: what concerns the signed-in person across the agreements they may
 * see, from the read model (web/read-model/), filtered by the GET parameters `convention`,
 * `type` and `periode` (validated; a wrong value is a 400 naming it).
 *
 * @module
 */
import { requireUser } from '../auth/session';
import type { WebRoutes } from '../deps';
import { sendErrorPage } from '../errors';
import { installReadModel, readModelFor } from '../read-model/app-read-model';
import { COLON, quoted } from '../view-models/labels';
import { DashboardQuery, dashboardModel, visibleAgreements } from '../view-models/dashboard-model';
import { describeZodError } from '../../domain/problems';

export const dashboardRoutes: WebRoutes = async (app, { deps }) => {
  installReadModel(app, deps);
  app.get('/', { preHandler: requireUser }, async (request, reply) => {
    const user = request.user!;
    const query = DashboardQuery.safeParse(request.query);
    if (!query.success) {
      const problems = describeZodError(query.error).join(' ; ');
      return reply.page(
        'error',
        {
          status: 400,
          message: `Filtre invalide${COLON} ${problems}. Revenez à ${quoted('Mes échéances')} et choisissez un filtre proposé.`,
        },
        { title: 'Demande invalide', status: 400 },
      );
    }
    const model = await readModelFor(deps).catch(() => undefined);
    if (!model) return sendErrorPage(reply, 503);
    const view = dashboardModel(visibleAgreements(model, user), user, deps.now().getTime(), query.data);
    return reply.page('dashboard', { m: view }, { title: 'Mes échéances' });
  });
};
