/**
 * Error pages in French, without stack traces or internal messages: 403 (including a missing or
 * wrong CSRF token), 404, 413, 429, 500 and the others by family. The details of a 500 go to the
 * log (no personal data: the error only, not the request body).
 *
 * @module
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface ErrorText {
  title: string;
  message: string;
}

const TEXTS: Record<number, ErrorText> = {
  400: {
    title: 'Demande invalide',
    message: 'La demande n’a pas pu être comprise. Revenez en arrière et recommencez.',
  },
  403: {
    title: 'Accès refusé',
    message:
      'Vous n’avez pas accès à cette page, ou le formulaire a expiré. Revenez en arrière, rechargez la page et recommencez.',
  },
  404: {
    title: 'Page introuvable',
    message: 'Cette page n’existe pas ou plus. Vérifiez l’adresse, ou revenez à l’accueil.',
  },
  413: { title: 'Fichier trop volumineux', message: 'Le fichier envoyé dépasse la taille autorisée.' },
  429: {
    title: 'Trop de tentatives',
    message: 'Trop de demandes ont été faites en peu de temps. Attendez une minute, puis recommencez.',
  },
  500: {
    title: 'Erreur du service',
    message: 'Une erreur s’est produite de notre côté. Réessayez dans quelques minutes.',
  },
  503: {
    title: 'Service momentanément indisponible',
    message: 'Un service dont Pacte a besoin ne répond pas. Réessayez dans quelques minutes.',
  },
};

export function errorText(status: number): ErrorText {
  return TEXTS[status] ?? (status >= 500 ? TEXTS[500]! : TEXTS[400]!);
}

/** Renders the error page, or plain text if even the page cannot be rendered. */
export async function sendErrorPage(reply: FastifyReply, status: number, extra?: string): Promise<FastifyReply> {
  const text = errorText(status);
  try {
    return await reply.page('error', { status, message: text.message, extra }, { title: text.title, status });
  } catch (e) {
    reply.log.error({ err: e }, 'error page could not be rendered');
    return reply.code(status).type('text/plain; charset=utf-8').send(`${text.title}\n\n${text.message}\n`);
  }
}

export function installErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler(async (_request: FastifyRequest, reply: FastifyReply) => sendErrorPage(reply, 404));
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, 'request refused');
    return sendErrorPage(reply, status);
  });
}
