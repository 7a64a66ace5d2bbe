// The audit log, read by administrators: who changed what, when, with the before and after.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { dbOf } from '../../platform/http.ts';
import { zListQuery, zPage, zUuid } from '../../platform/validation.ts';

const zAuditQuery = zListQuery
  .pick({ limit: true, offset: true })
  .extend({ entity: z.string().max(40).optional(), entityId: z.string().max(80).optional(), actorId: zUuid.optional() })
  .strict();

const zEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

async function listAudit(db: Database, f: z.infer<typeof zAuditQuery>) {
  let q = db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  const [rows, n] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    })),
    total: Number(n.n),
  };
}

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { policy: 'audit.read' },
    schema: { tags: ['audit'], summary: 'Log audit / audit log', querystring: zAuditQuery, response: { 200: zPage(zEntry) } },
    handler: (req) => listAudit(dbOf(req), req.query),
  });
}
