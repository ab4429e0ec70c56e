/**
 * `reply.page(template, data, { title })`: renders `web/views/<template>.eta` inside the layout
 * and sends it. Every template receives, besides `data`: `user` (the signed-in person or null),
 * `csrfToken` (for its forms' hidden `_csrf` field), `title`, `path` (the current path, for the
 * navigation), `navigation` and `stylesheet` (the CSS URL).
 *
 * @module
 */
import type { FastifyReply } from 'fastify';
import type { WebUser } from './deps';
import { NAVIGATION, type NavigationItem } from './navigation';

export interface PageOptions {
  /** The page's title: the `<title>` (« … – Pacte ») and usually its `<h1>`. */
  title: string;
  /** HTTP status, 200 unless told. */
  status?: number;
}

/** What the layout and every template can read, besides the page's own data. */
export interface PageContext {
  user: WebUser | null;
  csrfToken: string;
  title: string;
  path: string;
  stylesheet: string;
  navigation: readonly NavigationItem[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null (set from the session on every request). */
    user: WebUser | null;
  }
  interface FastifyReply {
    page(template: string, data: Record<string, unknown>, options: PageOptions): Promise<FastifyReply>;
  }
}

export const LAYOUT = 'layout.eta';

/** The `page` decorator, given where the stylesheet is served. */
export function pageRenderer(stylesheetUrl: string) {
  return async function page(
    this: FastifyReply,
    template: string,
    data: Record<string, unknown>,
    options: PageOptions,
  ): Promise<FastifyReply> {
    const context: PageContext = {
      user: this.request.user,
      csrfToken: this.generateCsrf(),
      title: options.title,
      path: new URL(this.request.url, 'http://pacte.invalid').pathname,
      stylesheet: stylesheetUrl,
      navigation: NAVIGATION,
    };
    const name = template.endsWith('.eta') ? template : `${template}.eta`;
    const html = await this.viewAsync(name, { ...data, ...context }, { layout: LAYOUT });
    return this.code(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(html);
  };
}
