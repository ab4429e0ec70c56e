/**
 * Every route plugin of the web application, registered in this order by web/app.ts. A new
 * area adds its plugin here (docs/web.md « Écrire une page »).
 *
 * @module
 */
import type { WebRoutes } from '../deps';
import { actionLinkRoutes } from './action-link';
import { homeRoutes } from './home';
import { infoRoutes } from './info';
import { sessionRoutes } from './session';

export const ROUTES: WebRoutes[] = [sessionRoutes, homeRoutes, infoRoutes, actionLinkRoutes];
