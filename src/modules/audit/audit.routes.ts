// The audit log, read by administrators: who changed what, when, with the before and after.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zAuditPage, zAuditQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { policy: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Log audit: saring pelaku, jenis data, tindakan, tanggal / audit log: filter by actor, record kind, action, dates',
      querystring: zAuditQuery,
      response: { 200: zAuditPage },
    },
    handler: (req) => listAudit(dbOf(req), ctxOf(req), req.query),
  });
}
