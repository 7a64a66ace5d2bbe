// The inbox (issue 11): each signed-in person's own notifications, newest first, marked read one by one or
// all at once. Also configures notification mail from the app's configuration (mailer.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import { configureMail } from './mailer.ts';
import { zInboxPage, zInboxQuery, zReadAll, zReadOne } from './notifications.schemas.ts';
import { listInbox, markAllRead, markRead } from './notifications.service.ts';

export async function notificationRoutes(app: FastifyInstance, opts: { config: Config }) {
  configureMail(opts.config);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/notifications', {
    config: { policy: 'notifications.read' },
    schema: {
      tags: ['notifications'],
      summary: 'Kotak masuk saya, terbaru dulu / my inbox, newest first',
      querystring: zInboxQuery,
      response: { 200: zInboxPage },
    },
    handler: (req) => listInbox(dbOf(req), ctxOf(req), req.query),
  });
  r.post('/api/notifications/read-all', {
    config: { policy: 'notifications.read' },
    schema: {
      tags: ['notifications'],
      summary: 'Tandai semua dibaca / mark all read',
      response: { 200: zReadAll },
    },
    handler: (req) => markAllRead(dbOf(req), ctxOf(req)),
  });
  r.post('/api/notifications/:id/read', {
    config: { policy: 'notifications.read' },
    schema: {
      tags: ['notifications'],
      summary: 'Tandai dibaca / mark read',
      params: zIdParams,
      response: { 200: zReadOne },
    },
    handler: (req) => markRead(dbOf(req), ctxOf(req), req.params.id),
  });
}
