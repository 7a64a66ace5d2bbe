// The security log, read by administrators: failed and throttled sign-ins, refused cross-site requests,
// policy refusals and cross-tenant attempts (written by platform/security-log.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { dbOf } from '../../platform/http.ts';
import { zListQuery, zPage } from '../../platform/validation.ts';
import { SECURITY_EVENT_KINDS } from './security.tables.ts';

const zSecurityQuery = zListQuery
  .pick({ limit: true, offset: true })
  .extend({ kind: z.enum(SECURITY_EVENT_KINDS).optional() })
  .strict();

const zSecurityEvent = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(SECURITY_EVENT_KINDS),
  ip: z.string(),
  actorId: z.string().nullable(),
  email: z.string().nullable(),
  method: z.string(),
  url: z.string(),
  detail: z.unknown(),
  requestId: z.string().nullable(),
});

async function listSecurityEvents(db: Database, f: z.infer<typeof zSecurityQuery>) {
  let q = db.selectFrom('security_events');
  if (f.kind) q = q.where('kind', '=', f.kind);
  const [rows, n] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      kind: r.kind,
      ip: r.ip,
      actorId: r.actor_id,
      email: r.email,
      method: r.method,
      url: r.url,
      detail: r.detail,
      requestId: r.request_id,
    })),
    total: Number(n.n),
  };
}

export async function securityRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/security-events', {
    config: { policy: 'security.read' },
    schema: {
      tags: ['audit'],
      summary: 'Log keamanan / security log',
      querystring: zSecurityQuery,
      response: { 200: zPage(zSecurityEvent) },
    },
    handler: (req) => listSecurityEvents(dbOf(req), req.query),
  });
}
