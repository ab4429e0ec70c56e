/**
 * Every route plugin of the web application, registered in this order by web/app.ts. A new
 * area adds its plugin here (docs/web.md « Écrire une page »).
 *
 * @module
 */
import type { WebRoutes } from '../deps';
import { agreementRoutes } from './agreement';
import { dashboardRoutes } from './dashboard';
import { actionLinkRoutes } from './action-link';
import { infoRoutes } from './info';
import { newAgreementRoutes } from './new-agreement';
import { operationRoutes } from './operations';
import { sessionRoutes } from './session';

export const ROUTES: WebRoutes[] = [
  sessionRoutes,
  dashboardRoutes,
  agreementRoutes,
  infoRoutes,
  newAgreementRoutes,
  operationRoutes,
  actionLinkRoutes,
];
